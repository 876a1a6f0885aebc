"""Corpora of N events for the benchmarks, never written near data/:

- synthetic: invented records with proportionate exchanges, authorities, platforms and terms
  (Chinese text included), deterministic by seed;
- real: the project's own records, its events repeated with new ids up to N (real pages are
  smaller than synthetic ones, so the generator's fixed cost weighs more against MkDocs').

    python -m benchmarks.corpus --events 10000 --out /tmp/corpus-10k [--seed 1]
    python -m benchmarks.corpus --events 2000 --out /tmp/real-2k --real
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

from generator.records import KINDS

HAN = "比特币火交易所中国人民银行监管虚拟货币挖矿平台链网信办公告通知风险防范代币发行融资微信微博"
WORDS = ("regulators exchange notice ban mining platform account token trading risk warning court "
         "police wallet payment bank stablecoin campaign province city office").split()
# One dictionary reading per character of HAN, so the terms' pinyin passes the check (E214).
READINGS = dict(zip("比特币火交易所中国人民银行监管虚拟货挖矿平台链网信办公告通知风险防范代发融资微博",
                    "bǐ tè bì huǒ jiāo yì suǒ zhōng guó rén mín yín háng jiān guǎn xū nǐ huò wā kuàng píng tái liàn "
                    "wǎng xìn bàn gōng gào tōng zhī fēng xiǎn fáng fàn dài fā róng zī wēi bó".split(), strict=True))
TYPES = ["regulation", "enforcement", "platform-block", "exchange", "statement", "proposal", "market"]


def text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def han(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(HAN) for _ in range(n))


# The synthetic publishers: each source's host is its publisher's (example hosts, no real address).
PUBLISHERS = {"Reuters": "press", "Caixin": "press", "CoinDesk": "press", "8btc": "press", "Xinhua": "party-media"}


def host(publisher: str) -> str:
    return f"{publisher.lower()}.example"


def source(rng: random.Random, i: int) -> dict:
    number = rng.randrange(10**6)
    title = text(rng, 6)
    publisher = rng.choice(list(PUBLISHERS))
    return {"url": f"https://{host(publisher)}/source/{i}/{number}", "title": title, "publisher": publisher,
            "published": f"{rng.randrange(2013, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"}


def publishers() -> list[dict]:
    return [{"id": name.lower(), "name": name, "domains": [host(name)], "tier": tier,
             "sources": [{"url": f"https://{host(name)}/about", "title": f"About {name}", "publisher": name}]}
            for name, tier in PUBLISHERS.items()]


def corpus(events: int, seed: int = 1) -> dict[str, list[dict]]:
    rng = random.Random(seed)
    n_x, n_a, n_p, n_t = max(10, events // 50), max(12, events // 100), max(8, events // 200), max(40, events // 25)
    exchanges = [{"id": f"exchange-{i}", "name": f"Exchange {i}", "name_zh": han(rng, 3) + f"{i}",
                  "aliases": [f"X{i}", f"Former {i}"], "summary": text(rng, 30), "summary_zh": han(rng, 60),
                  "sources": [source(rng, i)]}
                 for i in range(n_x)]
    authorities = [{"id": f"authority-{i}", "name": f"Authority {i}", "name_zh": han(rng, 5) + f"{i}",
                    "aliases": [f"A{i}"], "summary": text(rng, 25), "summary_zh": han(rng, 50), "level": "national",
                    "sources": [source(rng, i)]}
                   for i in range(n_a)]
    platforms = [{"id": f"platform-{i}", "name": f"Platform {i}", "name_zh": han(rng, 2) + f"{i}",
                  "summary": text(rng, 20), "summary_zh": han(rng, 40), "sources": [source(rng, i)]} for i in range(n_p)]
    terms = [{"id": f"term-{i}", "term": (chars := han(rng, 3)) + f"{i}",
              "pinyin": "".join(READINGS[c] for c in chars) + f" {i}", "english": f"term {i}",
              "summary": text(rng, 25), "summary_zh": han(rng, 50), "sources": [source(rng, i)]} for i in range(n_t)]
    out = []
    for i in range(events):
        out.append({
            "id": f"event-{i}", "date": f"{rng.randrange(2013, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
            "title": text(rng, 8), "title_zh": han(rng, 12), "type": rng.choice(TYPES), "summary": text(rng, 60),
            "summary_zh": han(rng, 120),
            "authorities": [f"authority-{rng.randrange(n_a)}"], "exchanges": [f"exchange-{rng.randrange(n_x)}"],
            "platforms": [f"platform-{rng.randrange(n_p)}"], "terms": [f"term-{rng.randrange(n_t)}"],
            "sources": [source(rng, i), source(rng, i + 1)], "confidence": "high",
        })
    return {"events.yaml": out, "exchanges.yaml": exchanges, "authorities.yaml": authorities,
            "platforms.yaml": platforms, "glossary.yaml": terms, "publishers.yaml": publishers()}


DATA = Path(__file__).resolve().parents[1] / "data"


class Dumper(yaml.CSafeDumper):
    """Writes a value repeated across records again, not as an anchor and alias (the data allows none)."""

    def ignore_aliases(self, data) -> bool:
        return True


def real(events: int, data: Path = DATA) -> dict[str, list[dict]]:
    """The records of ``data``, its events repeated in order until there are ``events`` of them;
    the n-th repeat of an event gets the id `<id>-r<n>`."""
    files = {path.name: yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader) for path in sorted(data.glob("*.yaml"))}
    originals = files["events.yaml"]
    files["events.yaml"] = [{**record, "id": f"{record['id']}-r{i // len(originals)}" if i >= len(originals) else record["id"]}
                            for i, record in ((i, originals[i % len(originals)]) for i in range(events))]
    return files


def write(folder: Path, events: int, seed: int = 1, from_data: bool = False) -> Path:
    """Write a corpus of ``events`` events into ``folder``: the synthetic one, or with
    ``from_data`` the project's own records repeated (`real`)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {kind.file: [] for kind in KINDS.values()} | (real(events) if from_data else corpus(events, seed))
    for name, records in files.items():
        (folder / name).write_text(yaml.dump(records, Dumper=Dumper, allow_unicode=True, sort_keys=False,
                                             width=10**6), "utf-8")
    return folder


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--real", action="store_true", help="repeat the project's own events instead of inventing")
    args = parser.parse_args()
    write(args.out, args.events, args.seed, from_data=args.real)
