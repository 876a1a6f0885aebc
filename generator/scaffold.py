"""Templates for new records (`python -m generator new KIND`), from the field table.

Every field is listed with what it means; optional ones are commented out, so the template
is a checklist a contributor fills in and `python -m generator check` then verifies.
"""

from __future__ import annotations

from .records import KINDS, Field


def comment(spec: Field) -> str:
    need = "required" if spec.required else "optional"
    values = f" One of: {', '.join(spec.values)}." if spec.values else ""
    return f"# {need}: {spec.doc}{values}"


def lines_for(fields: tuple[Field, ...], indent: str, first_prefix: str = "", commented: bool = False) -> list[str]:
    """One line per field; a list's first field carries the `- `; optional fields commented out."""
    out: list[str] = []
    for index, spec in enumerate(fields):
        lead = first_prefix if index == 0 and first_prefix else indent
        off = "# " if commented or not spec.required else ""
        nested = spec.type.nested(indent)
        if nested is not None:
            out.append(f"{lead}{off}{spec.name}:  {comment(spec)}")
            out += lines_for(spec.fields, *nested, bool(off))
        else:
            shown = spec.placeholder or spec.type.example(spec)
            out.append(f"{lead}{off}{spec.name}: {shown}  {comment(spec)}")
    return out


def template(kind_name: str) -> str:
    kind = KINDS[kind_name]
    head = [f"# A new {kind.name} for data/{kind.file}: fill in every line, delete the comments you",
            "# no longer need, then run `python -m generator check`."]
    return "\n".join(head + lines_for(kind.fields, "  ", "- ")) + "\n"


# Worked examples for the contributor's guide: real records, shortened, with their sources.
# Kept here rather than read from data/, so the guide does not change when the data does;
# a test checks that each one passes the validator.
EXAMPLES = {
    "event": """- id: 2018-03-wechat-blocks-okex-huobi-accounts
  date: 2018-03
  title: "WeChat blocks OKEx's official account; Huobi's account reportedly hit too"
  type: platform-block
  summary: "8btc reported on 6 March 2018 that the official WeChat accounts of OKEx and Huobi had been shut the previous Friday."
  authorities: []
  exchanges: [okex, huobi]
  platforms: [wechat]
  terms: [gongzhonghao]
  disputed: "8btc says both accounts were closed; CoinDesk says Huobi.com was still working on WeChat."
  confidence: medium
  sources:
    - url: "https://news.8btc.com/china-is-blocking-crypto-exchanges-social-media-accounts-okex-huobi-included"
      title: "China is Blocking Crypto Exchanges' Social Media Accounts, OKEx, Huobi Included"
      publisher: "8btc"
      published: 2018-03-06
      language: en
""",
    "exchange": """- id: okex
  name: OKX
  name_zh: 欧易
  aliases: [OKEx, 歐易]
  summary: "Offshore exchange that grew out of OKCoin after the September 2017 ban; renamed OKX in January 2022."
  status: exited-mainland
  history:
    - date: 2022-01
      status: renamed
      summary: "OKEx rebranded as OKX."
      sources:
        - url: "https://ipfs.everipedia.org/ipfs/QmeN1gnwCaD7dP77NpHa3vj86ygkqnWhLf7K6Fvqgtw8NE"
          title: "OKX - IQ.wiki"
          publisher: "IQ.wiki (Everipedia)"
  sources:
    - url: "https://ipfs.everipedia.org/ipfs/QmeN1gnwCaD7dP77NpHa3vj86ygkqnWhLf7K6Fvqgtw8NE"
      title: "OKX - IQ.wiki"
      publisher: "IQ.wiki (Everipedia)"
""",
    "authority": """- id: pboc
  name: "People's Bank of China"
  name_zh: 中国人民银行
  aliases: [PBoC, 央行, central bank]
  summary: "China's central bank and the lead regulator of the crackdown."
  level: national
  sources:
    - url: "https://www.france24.com/en/asia-pacific/20210924-china-s-central-bank-declares-all-cryptocurrency-transactions-illegal"
      title: "China's central bank declares all cryptocurrency transactions illegal"
      publisher: "France 24 (AFP)"
      published: 2021-09-24
""",
    "platform": """- id: wechat
  name: WeChat
  name_zh: 微信
  owner: Tencent
  summary: "Tencent's messaging app; closed exchanges' official accounts in 2018."
  sources:
    - url: "https://www.coindesk.com/markets/2018/03/06/caixin-china-blocking-crypto-exchanges-on-social-media/"
      title: "Caixin: China Blocking Crypto Exchanges on Social Media"
      publisher: "CoinDesk"
      published: 2018-03-06
""",
    "term": """- id: simu
  term: 私募
  pinyin: sīmù
  english: "private placement"
  summary: "Fundraising from a limited circle of investors; the seed article uses it loosely for ICOs."
  related: [shouci-daibi-faxing]
  pinyin_source: pypinyin
  sources:
    - url: "https://www.aisjcy.com/content/41373.html"
      title: "私募(Private Placement) explainer"
      publisher: "aisjcy.com"
      language: en
""",
    "publisher": """- id: reuters
  name: Reuters
  aliases: [Reuters Japan]
  domains: [reuters.com]
  tier: press
  language: en
  sources:
    - url: "http://in.reuters.com/article/2013/12/05/china-bitcoin-idINDEE9B405S20131205"
      title: "China central bank warns banks against use of bitcoin"
      publisher: "Reuters"
      published: 2013-12-05
""",
}
