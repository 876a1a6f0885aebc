"""What search needs from the data, engine-neutral.

Material's search segments Chinese with jieba at build time. jieba's stock dictionary splits
比特币 into 比特/币 and does not know 火币 or 私募 as words, so a query for the whole word
finds nothing. Every Chinese name in the data (terms, traditional forms, Chinese names and
aliases) is therefore given to jieba as a word of its own before the site is indexed.
"""

from __future__ import annotations

import re

from .link import Corpus

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def chinese_words(corpus: Corpus) -> list[str]:
    """Every Chinese word the records name, sorted and unique."""
    words: set[str] = set()
    for records in corpus.records.values():
        for record in records.values():
            values = [record.get(name) for name in ("term", "traditional", "name_zh")]
            values += list(record.get("aliases", ()))
            words.update(v.strip() for v in values if isinstance(v, str) and HAN.search(v) and " " not in v.strip())
    return sorted(words)
