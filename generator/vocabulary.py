"""The closed sets of values the field table offers (event types, statuses, tiers, levels,
confidence), each with what it means where a reader needs it explained."""

EVENT_TYPES = {
    "regulation": "a rule, notice or ban issued by an authority",
    "enforcement": "police action, inspections, ordered closures, blocking of sites or IP addresses",
    "platform-block": "a platform (WeChat, Weibo, Baidu, app stores…) closes accounts, censors words or removes apps",
    "exchange": "an exchange's own move: halting trading, leaving the mainland, renaming, announcing",
    "statement": "an official speech, warning or meeting that issues no new rule",
    "proposal": "a proposal or draft that is not (yet) in force",
    "market": "market data, research and measurements (hash rate, volumes)",
    "court": "court rulings and judicial interpretations: courts act apart from regulators",
    "institution": "a body created, merged or abolished: it changes who regulates from then on",
}
# Who a source's publisher is: the tier says how close to the facts it stands. `official` and
# `exchange` publish their own acts; `copy` may never be cited (E308).
PUBLISHER_TIERS = {
    "official": "a government body, regulator or court: its own notices, rulings and statements",
    "party-media": "state and party outlets (Xinhua, People's Daily, CCTV, China Daily)",
    "exchange": "an exchange's own site: its announcements, help pages and blog",
    "press": "news outlets and trade press that report and edit their own stories",
    "research": "scholars, journals, law firms, think tanks, dictionaries and encyclopedias",
    "aggregator": "sites that repost others' texts (reposted notices, syndicated or rewritten articles), credited "
                  "or not: cite the original where it can be found",
    "social": "social networks, blogs, forums and accounts, where a person or an account speaks",
    "copy": "mirrors, staging and cache hosts, page-hosting copies and pirated copies of another publisher's "
            "pages: never cited (E308); the record says why in its summary",
}
# Events of these types are acts of an authority: without an `official` source they warn (W304).
PRIMARY_TYPES = ("regulation", "enforcement", "court")
EXCHANGE_STATUSES = ("operating", "restricted", "exited-mainland", "closed")
HISTORY_STATUSES = ("operating", "restricted", "blocked", "suspended", "exited-mainland", "renamed", "closed")
LEVELS = ("national", "provincial", "municipal", "district")
CONFIDENCE = ("high", "medium", "low")
# Every value of a closed set: printed in the edition's words (labels_zh.LABELS has each).
CLOSED_VALUES = frozenset([*EVENT_TYPES, *PUBLISHER_TIERS, *EXCHANGE_STATUSES, *HISTORY_STATUSES, *LEVELS, *CONFIDENCE])
