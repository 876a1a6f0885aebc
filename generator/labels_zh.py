"""Every label and sentence of ours, in Chinese: one table, which a test checks is complete
(every label the templates and page modules print, every value of a closed set, every kind's
title, intro, columns and headings).

LABELS maps the English label, as the English edition prints it, to its Chinese. TEXTS holds
the longer sentences by a name, in both languages: (English, Chinese); their `{name}` slots
take a link or a number. Both are trusted Markdown (ours, not a contributor's).
"""

from __future__ import annotations

LABELS: dict[str, str] = {
    # The site and its sections.
    "China Crypto Crackdown Tracker": "中国加密货币打击追踪",
    "Events": "事件", "Exchanges": "交易所", "Authorities": "监管机构", "Platforms": "平台", "Glossary": "术语表",
    "Publishers": "发布者", "Timeline": "时间线", "timeline": "时间线", "full timeline": "完整时间线",
    "Exchange": "交易所", "Authority": "机构", "Platform": "平台", "Term": "术语", "Publisher": "发布者",
    "exchange": "交易所", "authority": "机构", "platform": "平台",
    "All exchanges": "全部交易所", "All authorities": "全部机构", "All platforms": "全部平台",
    "Exchanges that served users in mainland China, with their former names and their China story.":
        "曾为中国大陆用户提供服务的交易所，及其曾用名和在中国的经历。",
    "The regulators, ministries, courts and bodies behind the crackdown.": "推动这场整治的监管机构、部委、法院及其他机构。",
    "Social networks, search engines, payment services and app stores, and what they blocked.":
        "社交网络、搜索引擎、支付服务和应用商店，以及它们封禁了什么。",
    "Chinese words of the crackdown and of crypto slang, with pinyin and English. 术语表.":
        "整治行动和加密货币圈的中文词语，附拼音和英文。",
    "Chinese name": "中文名称", "Other names": "其他名称", "Status": "状态", "Abbreviations": "简称", "Level": "级别",
    "Owner": "所有者", "Traditional": "繁体", "Pinyin": "拼音", "English": "英文",
    "Named, not acting": "提及但未采取行动", "Same story": "同一事件的另一面",
    # Record pages.
    "Date:": "日期：", "to": "至", ":": "：", ", ": "、", "(scheduled)": "（已排期）", "Type:": "类型：", ": ": "：", "Actors:": "行动方：",
    "Document number:": "文号：", "Document title:": "文件英文标题：", "Chinese title:": "文件中文标题：",
    "*not found in the sources*": "*来源中未见*", "*not stated*": "*未注明*",
    "Disputed": "存在争议", "Sources disagree": "来源说法不一", "Named here": "本页提及", "named, not acting": "提及但未行动",
    "Named by": "提及本条的记录", "Sources": "来源", "Sources:": "来源：", "No primary document cited:": "未引用原始文件：",
    "Confidence:": "可信度：", "last changed:": "最后修改：", "Cite this": "引用本页",
    "Summary": "概述", "Chinese name:": "中文名称：", "Abbreviations and other names:": "简称及其他名称：", "Level:": "级别：",
    "Other names:": "其他名称：", "Owner:": "所有者：", "Other and former names:": "其他名称及曾用名：", "Founded:": "成立：",
    "Headquarters:": "总部：", "Status:": "状态：", "China story": "在中国的经历",
    "Status changes over time; the table below gives each change with its sources.": "状态随时间的变化；下表列出每次变化及其来源。",
    "Date": "日期", "What happened": "经过", "Tier:": "类别：", "Hosts:": "域名：", "Hosts": "域名",
    "none of its own: it speaks on shared hosts": "无自有域名：在共享平台上发布",
    "(shared: each source there names its publisher)": "（共享平台：其上每条来源注明其发布者）",
    "Copy of:": "复制自：", "Country:": "国家或地区：", "Language:": "语言：", "Cited by": "引用它的记录",
    "No record cites it yet.": "尚无记录引用。", "Simplified:": "简体：", "Traditional:": "繁体：",
    "the same as simplified": "与简体相同", "Pinyin:": "拼音：", "English:": "英文：", "Literal meaning:": "字面意思：",
    "Traditional form:": "繁体字形：", "Use": "用法", "source": "来源",
    "generated with the pypinyin library, checked by hand": "由 pypinyin 库生成，经人工核对",
    "converted by machine with OpenCC": "由 OpenCC 机器转换",
    "archived copy": "存档副本", "find in the archive": "在存档中查找", "Atom feed of its events": "其相关事件的 Atom 订阅",
    "not committed yet": "尚未提交", "with uncommitted changes": "有未提交的修改", "not recorded": "未记录",
    # Home, timeline and indexes.
    "Landmarks": "重大节点", "Latest events": "最新事件", "On this day": "历史上的今天", "Records by section": "各栏目记录数",
    "Section": "栏目", "Records": "记录", "events recorded": "已记录事件", "date of the latest event": "最新事件日期",
    "download the data": "下载数据", "Atom feed": "Atom 订阅", "Atom feed of all events": "全部事件的 Atom 订阅",
    "downloads": "数据下载", "Events per year": "每年事件数",
    "Events per year by type: the crackdown's intensity over time. The same numbers are in the table below.":
        "按类型统计的每年事件数：整治力度随时间的变化。下表列出相同的数字。",
    "Year": "年份", "All": "合计", "Events per year by type": "按类型统计的每年事件数", "Type": "类型", "All years": "全部年份", "All types": "全部类型", "Show all": "显示全部",
    "Tier": "类别", "Records citing it": "引用它的记录数",
    # Data page and feeds.
    "Contributing": "参与贡献", "Data and feeds": "数据与订阅", "Count": "数量", "schema": "模式", "Feeds": "订阅", "Cite": "引用",
    "Data and texts CC BY 4.0": "数据与文字采用 CC BY 4.0 许可",
    # Event types and what they mean.
    "regulation": "法规", "enforcement": "执法", "platform-block": "平台封禁", "statement": "表态", "proposal": "提案",
    "market": "市场", "court": "司法", "institution": "机构变动",
    "a rule, notice or ban issued by an authority": "监管机构发布的规定、通知或禁令",
    "police action, inspections, ordered closures, blocking of sites or IP addresses": "警方行动、检查、责令关闭、封锁网站或 IP 地址",
    "a platform (WeChat, Weibo, Baidu, app stores…) closes accounts, censors words or removes apps":
        "平台（微信、微博、百度、应用商店等）关闭账号、屏蔽关键词或下架应用",
    "an exchange's own move: halting trading, leaving the mainland, renaming, announcing": "交易所自身的举动：暂停交易、撤出大陆、更名、发布公告",
    "an official speech, warning or meeting that issues no new rule": "官方讲话、风险提示或会议，未出台新规",
    "a proposal or draft that is not (yet) in force": "尚未（或未）生效的提案或草案",
    "market data, research and measurements (hash rate, volumes)": "市场数据、研究与测量（算力、交易量）",
    "court rulings and judicial interpretations: courts act apart from regulators": "法院判决与司法解释：法院独立于监管机构行事",
    "a body created, merged or abolished: it changes who regulates from then on": "机构的设立、合并或撤销：改变此后由谁监管",
    # Publisher tiers and what they mean.
    "official": "官方", "party-media": "党媒", "press": "媒体", "research": "研究", "aggregator": "转载", "social": "社交",
    "copy": "副本",
    "a government body, regulator or court: its own notices, rulings and statements": "政府机关、监管机构或法院：其自身的通知、裁判与声明",
    "state and party outlets (Xinhua, People's Daily, CCTV, China Daily)": "国家和党的媒体（新华社、人民日报、中央电视台、中国日报）",
    "an exchange's own site: its announcements, help pages and blog": "交易所自己的网站：公告、帮助页面和博客",
    "news outlets and trade press that report and edit their own stories": "自行采写和编辑报道的新闻媒体与行业媒体",
    "scholars, journals, law firms, think tanks, dictionaries and encyclopedias": "学者、期刊、律师事务所、智库、词典和百科全书",
    "sites that repost others' texts (reposted notices, syndicated or rewritten articles), credited or not: cite the "
    "original where it can be found": "转载他人文字的网站（转载的通知、联合发布或改写的文章），无论是否注明出处：能找到原文时应引用原文",
    "social networks, blogs, forums and accounts, where a person or an account speaks": "社交网络、博客、论坛和账号，由个人或账号发言",
    "mirrors, staging and cache hosts, page-hosting copies and pirated copies of another publisher's pages: never cited "
    "(E308); the record says why in its summary": "镜像、测试与缓存主机、网页托管副本以及其他发布者页面的盗版副本：一律不得引用（E308）；记录在概述中说明原因",
    # Statuses, levels, confidence.
    "operating": "运营中", "restricted": "受限", "exited-mainland": "已退出大陆", "closed": "已关闭", "blocked": "被封锁",
    "suspended": "暂停", "renamed": "更名", "national": "国家级", "provincial": "省级", "municipal": "市级", "district": "区级",
    "high": "高", "medium": "中", "low": "低",
}

TEXTS: dict[str, tuple[str, str]] = {
    "home.lead": (
        "China's regulators, courts and platforms have moved against cryptocurrency{since}: they kept banks out of "
        "bitcoin, banned token sales, pushed exchanges and miners out and closed the accounts that served traders. This "
        "tracker records each move, who made it and where it was reported, and every fact cites its source.",
        "{since}，中国的监管机构、法院和平台不断对加密货币采取行动：禁止银行涉足比特币，禁止代币发行，把交易所和矿工赶出大陆，"
        "关闭服务交易者的账号。本站记录每一项举措、由谁做出、在哪里被报道，每一项事实都注明来源。"),
    "home.since": (" since {first}", "自{first}年以来"),
    "home.years": ("years covered, {first} to {last}", "覆盖年数（{first}—{last}年）"),
    "home.more": (
        "See the {timeline} (filter it by year, type, authority, exchange or platform), follow new events with the "
        "{feed}, or {data}.",
        "查看{timeline}（可按年份、类型、机构、交易所或平台筛选），通过{feed}关注新事件，或{data}。"),
    "timeline.intro": (
        "The events, newest first, grouped by year; each title leads to the event's page with its sources. The "
        "[chart and table of events per year](#events-per-year) at the end count every event, whatever the filters "
        "show. Follow new events with the {feed}, or take the whole record from the {data}.",
        "按年份分组的事件，最新的在前；每个标题链接到该事件的页面及其来源。页末的[每年事件数图表](#events-per-year)统计全部事件，"
        "不受筛选影响。可通过{feed}关注新事件，或从{data}获取全部记录。"),
    "timeline.count": ("The chart and the table count all {count} events, not only those the filters show.",
                       "图表统计全部 {count} 个事件，而不只是筛选后显示的事件。"),
    "events.index": ("All {count} events are listed on the {timeline}, newest first.",
                     "全部 {count} 个事件列在{timeline}上，最新的在前。"),
    "publishers.intro": (
        "Who published the sources the records cite, by the host of each source's address. The tier says how close "
        "to the facts a publisher stands:",
        "按来源网址的域名，列出各记录所引来源的发布者。类别表示发布者与事实的距离："),
    "status.renamed": ("; the last change in the China story below ({date}) is a change of name, not of status",
                       "；下方经历中的最后一次变化（{date}）是更名，而非状态变化"),
    "status.differs": (
        "; the last dated change in the China story below ({date}) reads {status}: this status is the record's "
        "reading of the latest sources as a whole",
        "；下方经历中最后一次有日期的变化（{date}）为“{status}”：此处状态是本记录对最新来源的整体判断"),
    "back.to": ("back to {section}", "返回{section}"),
    "feed.author": ("{site} contributors", "{site}贡献者"),
    "chart.years.title": ("Events per year by type, {first} to {last}", "按类型统计的每年事件数，{first}—{last}年"),
    "chart.years.desc": (
        "{total} events; the busiest year is {busiest} with {most}. Each bar stacks the year's events by type; the "
        "table below gives the numbers.",
        "共 {total} 个事件；最多的一年是{busiest}年，共 {most} 个。每根柱按类型叠加当年的事件；下表列出具体数字。"),
    "chart.status.title": ("{name}: status changes in China, {first} to {last}", "{name}：在中国的状态变化，{first}—{last}年"),
    "chart.status.desc": (
        "{count} dated changes, from {first} ({first_date}) to {last} ({last_date}). Each row is one change; its bar runs "
        "until the next, the last one to {end}. The table below gives the details.",
        "共 {count} 次有日期的变化，从“{first}”（{first_date}）到“{last}”（{last_date}）。每行是一次变化，其横条延续到下一次变化，"
        "最后一条延续到{end}。下表列出详情。"),
    "feed.all": ("{site}: all events", "{site}：全部事件"),
    "feed.record": ("{site}: events naming {name} ({kind})", "{site}：提及{name}的事件（{kind}）"),
    "data.lead": (
        "Every record of this site, free to download and reuse under CC BY 4.0 (credit \"China Crypto Crackdown "
        "Tracker contributors\" and link the record's page). Each file is rebuilt from the same YAML records as the "
        "pages, at every change.",
        "本站全部记录，可依 CC BY 4.0 许可免费下载和再利用（请署名“China Crypto Crackdown Tracker contributors”，并链接记录页面）。"
        "中英文两个版本共用同一套数据文件，每次修改后都从与页面相同的 YAML 记录重新生成。"),
    "data.json": (
        "- **JSON**: a list of records, one per line (so a diff shows which records changed), each with the fields the "
        "contributors wrote (see the Contributing page for what each field means), dates as written (`2018`, `2018-03` "
        "or `2018-03-09`, as precise as the sources allow), plus `url` (the record's permanent page) and `last_changed` "
        "(its `updated` field, else the date of the last commit that changed its lines, not counting edits not "
        "committed yet; `null` if neither, as for a record not committed yet). The JSON Schema describes exactly this "
        "shape.",
        "- **JSON**：记录列表，每行一条（便于比较哪些记录有变化），包含贡献者填写的字段（各字段含义见“参与贡献”页面；"
        "中文字段以 `_zh` 结尾），日期按原样写出（`2018`、`2018-03` 或 `2018-03-09`，精确到来源允许的程度），另加 `url`"
        "（记录的永久英文页面）和 `last_changed`（其 `updated` 字段，否则为最后一次修改其内容的提交日期，不计尚未提交的修改；"
        "两者皆无时为 `null`）。JSON Schema 准确描述了这一结构。"),
    "data.csv": (
        "- **CSV**: one row per record and one column per field, UTF-8 with a byte-order mark (so Excel opens the "
        "Chinese correctly; other programs may show it as an invisible first character of the first column's name: read "
        "the file as `utf-8-sig` in Python), comma-separated, with a header row. A list is joined with `; ` (a semicolon "
        "and a space): aliases and ids as they are, sources by their URLs, an exchange's history as `date status` pairs; "
        "the document of an event is split into `document.number`, `document.title` and `document.title_zh`. For the "
        "full sources (titles, publishers, quotes), use the JSON. A cell that would start with `=`, `+`, `-` or `@` "
        "starts with an apostrophe instead, so spreadsheet programs do not run it as a formula.",
        "- **CSV**：每条记录一行、每个字段一列，UTF-8 编码并带字节顺序标记（BOM，使 Excel 正确显示中文；其他程序可能把它显示为"
        "第一列列名前的不可见字符：在 Python 中请以 `utf-8-sig` 读取），逗号分隔，带表头。列表以 `; `（分号加空格）连接："
        "别名和编号照原样，来源用其网址，交易所经历写作“日期 状态”；事件的文件拆分为 `document.number`、`document.title` 和 "
        "`document.title_zh`。如需完整来源（标题、发布者、引文），请用 JSON。以 `=`、`+`、`-` 或 `@` 开头的单元格前加一个撇号，"
        "以免电子表格程序把它当作公式执行。"),
    "data.calendar": (
        "- **Calendar**: {ics} (iCalendar): one all-day entry per event; an event known only to the month or year "
        "starts on its first day and says so in its description.",
        "- **日历**：{ics}（iCalendar）：每个事件一个全天条目；只知道月份或年份的事件从该月或该年第一天开始，并在说明中注明。"),
    "data.feed.all": ("- All events: {feed} (Atom).", "- 全部事件：{feed}（Atom）。"),
    "data.feed.each": (
        "- One feed per exchange, authority and platform ({count} feeds), linked from each of their pages, e.g. "
        "{example}: the events that name it, including those it did not act in (a body asked or proposed to act).",
        "- 每个交易所、机构和平台各有一个订阅（共 {count} 个），链接见各自页面，例如 {example}：包含提及它的事件，"
        "也包括它未采取行动的事件（例如被要求或被提议采取行动的机构）。"),
    "data.feed.limit": (
        "Each feed holds its newest {limit} events{all}; the downloads above hold every record. Entries are dated by "
        "the event, and updated when the record last changed, never when the site was built.",
        "每个订阅包含最新的 {limit} 个事件{all}；上方的下载文件包含全部记录。条目日期取事件日期，更新日期取记录最后修改的日期，"
        "而非网站构建的日期。"),
    "data.feed.all_in": (" (so today all {count} events are in the site-wide feed)", "（因此目前全部 {count} 个事件都在全站订阅中）"),
    "data.cite": (
        "Each record page ends with \"Cite this\": a plain-text citation and a BibTeX entry with the record's permanent "
        "URL and the date it last changed, each with a copy button; the copied BibTeX gets `urldate`, the day you copy "
        "it (your browser's date: the site never writes an access date). The page's head carries the same title, date "
        "and URL as Highwire Press (`citation_*`), Dublin Core and Open Graph tags, which Zotero and Google Scholar "
        "read. Page addresses are permanent: a record's id never changes.",
        "每个记录页面末尾有“引用本页”：一条按 GB/T 7714-2015 格式写的引文和一条 BibTeX 条目，均含记录的永久网址和最后修改日期，"
        "并各有复制按钮；复制的 BibTeX 会加上 `urldate`，即复制当天的日期（取自浏览器：本站从不写入访问日期）。"
        "页面头部以 Highwire Press（`citation_*`）、Dublin Core 和 Open Graph 标签提供相同的标题、日期和网址，"
        "供 Zotero 和 Google Scholar 读取。页面地址是永久的：记录的编号永不改变。"),
    "contributing.summary": (
        "The full guide is in English: {guide}.",
        "本站的记录由贡献者通过 GitHub 拉取请求（pull request）编辑 `data/` 目录下的 YAML 文件。每条记录都必须注明来源，"
        "并尽量引用原始文件（监管机构的通知、法院的裁判、交易所的公告）。中文内容写在以 `_zh` 结尾的字段中（例如 "
        "`summary_zh`），与英文字段并列；缺少中文时，中文版显示英文原文并加以标注。\n\n"
        "提交前请运行 `python -m generator check`：它一次列出所有问题，每个问题都给出文件、行、列、错误代码和修改提示，"
        "并报告各类记录的中文覆盖率。完整的英文指南（每个字段和每个错误代码的说明）：{guide}。\n\n"
        "## 拼音与繁体字 {{ #pinyin-and-traditional-characters }}\n\n"
        "术语表的拼音须带声调符号，每个汉字一个音节；`check` 用 pypinyin 核对每个读音（E213、E214）。繁体字只在与简体不同时填写，"
        "OpenCC 的转换给不出的字形会得到警告（W203）。详见英文指南的同名一节。"),
}
