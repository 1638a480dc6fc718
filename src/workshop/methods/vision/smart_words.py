"""Reading a goal statement for the SMART check (``smart``): dates (and the impossible
ones), time words, quantities with their units and denominators, slogans and vague
words, scope, clauses, yes/no standards. Pure: no I/O, no Textual.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from workshop.text import is_han

MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")

DATE_PATTERNS = [
    # 2027年12月31日前 / 2027年6月 / 2027年 / 12月31日 (the last two also say "when")
    re.compile(r"(?P<y>\d{4})\s*年\s*(?:(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*[日号])?)?"
               r"(?:前|之前|以前|底|末|内|止|起)?"),
    re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号](?:前|之前|以前|起)?"),
    re.compile(r"(?<![\d.])(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?![\d.])"),
    # 31 December 2027 / December 31, 2027 / June 2027 / Q3 2027 / H1 2027
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mn>{MONTHS})\.?,?\s+(?P<y>\d{{4}})\b",
               re.I),
    re.compile(rf"\b(?P<mn>{MONTHS})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b",
               re.I),
    re.compile(rf"\b(?P<mn>{MONTHS})\.?,?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(r"\b(?:Q[1-4]|H[12]|FY)\s*'?(?P<y>\d{2,4})\b", re.I),
    re.compile(r"\b(?:in|by|for|during|before|until|through|of|from|since)\s+(?P<y>(?:19|20)\d{2})\b",
               re.I),
]
TIME_WORDS = re.compile(
    r"本月|本周|本季度?|本年度?|今年|明年|年底|年末|年内|年中|月底|月末|季度末|季末|上半年|下半年|"
    r"第[一二三四1-4]季度|[一二三四1-4]季度|全年|每[天日周月年]|每季度?|每个?(?:工作日|星期|月)|当天|当月|"
    r"\d+\s*(?:天|周|个月|日)内|[月周日天年]目标|季度目标|年度目标|时段目标|"
    r"下个?(?:月|季度|周|星期)|下一(?:个月|季度|周)|每[两二三四半]个?(?:月|周|季度|年)|"
    r"(?:\d+|[一两二三四五六七八九十半])\s*个?(?:年|月|周|天|星期|季度)(?:的时间|之内|以内|内)|"
    r"\b(?:this|next)\s+(?:week|month|quarter|year)\b|\bby\s+(?:year[- ]end|the\s+end\s+of)\b|"
    r"\bend\s+of\s+(?:the\s+)?(?:week|month|quarter|year)\b|\b(?:each|every|per)\s+(?:working\s+)?"
    r"(?:day|week|month|quarter|year)\b|\b(?:daily|weekly|monthly|quarterly|annually|yearly)\b|"
    r"\bwithin\s+\d+\s+(?:days?|weeks?|months?|years?)\b|\b[QH][1-4]\b",
    re.I)

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿半"
CN_COUNTERS = ("个月|季度|次|场|家|个|名|人|位|件|单|篇|项|条|款|类|台|天|周|倍|成|轮|期|份|套|"
                "辆|户|本|张|所|批|届")
CN_QUANTITY = re.compile(rf"(?<![第{CN_DIGITS}])[{CN_DIGITS}]+\s*(?:{CN_COUNTERS})")
UNIT_ZH = (r"(?:[万亿千百]?(?:元|美元|欧元|港元|人民币)|万|亿|%|‰|个月|季度|次|场|家|个|名|人|位|"
            r"件|单|篇|项|条|款|类|台|天|周|小时|分钟|分|倍|成|轮|期|份|套|辆|户|本|张|吨|公斤|千克|"
            r"克|米|公里|平方米|千瓦时|度|箱|瓶|盒|所|批|届|点|级|年)"
           r"(?:\s?/\s?(?:平方米|立方米|千瓦时|公里|小时|分钟|平米|[台单件人天月年次个吨户家店班元周米]|"
           r"[A-Za-z]+))?")
"""A unit, with its denominator where it has one: 千瓦时/台, 件/单, 元/平方米."""
NOT_UNITS = (r"(?:to|and|or|of|a|an|per|by|in|on|at|for|from|each|every|the|with|than|"
              r"is|are|was|were)\b")
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
QUANTITY = re.compile(
    rf"(?P<pre>(?:USD|RMB|CNY|EUR|GBP|SGD|HKD|[$¥€£])\s?)?(?P<num>{NUMBER})"
    rf"(?P<unit>\s?{UNIT_ZH}|\s?%|\s?per\s+[A-Za-z]+|\s?[kKmM]\b|"
    rf"\s?(?!{NOT_UNITS})[A-Za-z][A-Za-z/\-]*)?")

HARD_SLOGANS = re.compile(
    r"一定要|要让|尽(?:自己|自已|我们|我|全)?(?:的)?最大(?:的)?努力|全力以赴|再创辉煌|力争上游|"
    r"把.{1,10}?(?:建设|做|搞|抓|管|带|弄)好|"
    r"\b(?:do|doing|try)\s+(?:our|my|your|their|the)\s+(?:very\s+)?best\b|\btry\s+to\b|\bstrive\b|"
    r"\bdo\s+everything\b|\bgive\s+it\s+(?:our|my)\s+all\b",
    re.I)
VAGUE = re.compile(
    r"几个|几家|几次|几位|几名|一些|若干|较大|较多|较好|大幅|显著|明显|更多|更好|更高|积极|尽量|"
    r"尽可能|努力|大力|全力|进一步|有所|一定程度|相当|争取|力争|提高|提升|加强|改善|改进|增加|"
    r"做好|搞好|抓好|优化|完善|一流|领先|优秀|"
    r"\b(?:a\s+few|several|some|many|lots?\s+of|a\s+lot|more|better|significant(?:ly)?|greatly|"
    r"considerabl[ey]|substantial(?:ly)?|leading|best|excellent|world[- ]class|"
    r"as\s+(?:much|soon)\s+as\s+possible|asap|improve[ds]?|"
    r"improving|increase[ds]?|enhance[ds]?|boost|strengthen|optimi[sz]e)\b",
    re.I)
# Case matters only in the English half; a whole-pattern re.I would have the Chinese
# character class folded code point by code point when the pattern compiles.
SCOPE = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{0,6}?(?:事业部|分公司|门店|市场|渠道|车间|部门|团队|公司|集团|中心|客户|"
    r"员工|导购|业务员|会员|顾客|用户|产品|品类|项目|区|省|市|县|店|部|组|队|线)"
    r"|(?i:\b(?:every|each|per|all)\s+[A-Za-z]+|\b(?:[A-Z][A-Za-z]+\s+){0,2}(?:region|regional|"
    r"store|shop|team|department|dept|agency|company|branch|office|plant|channel|product|"
    r"customers?|clients?|members?|agents?|staff|employees?)\b)")
SCOPE_BREAK = re.compile(r"[的为在对向把给从由达前后和与及让使访到是将]")
PURPOSE_START = re.compile(
    r"^\s*(?:为了|旨在|目的是|目的在于|以便|以期|使得?|让)|^\s*(?:to|in\s+order\s+to|so\s+that|"
    r"our\s+(?:aim|purpose)|the\s+(?:aim|purpose)|aim(?:s|ing)?\s+to)\b",
    re.I)
ASPIRATION = re.compile(
    r"成为.{0,10}?(?:一流|领先|最好|第一|标杆|龙头|最强|领导者)|打造.{0,10}?(?:一流|领先|标杆|品牌)|"
    r"(?:提升|提高|增强|培养).{0,8}?(?:能力|意识|水平|素质|凝聚力|形象|文化|士气)|"
    r"\bbecome\s+(?:the\s+)?(?:best|leading|leader|number\s+one|#1|world[- ]class)\b|"
    r"\bbuild\s+a\s+culture\b|\bbe\s+the\s+best\b",
    re.I)
ELABORATION = re.compile(
    r"^\s*(?:由|从|即|也就是|相当于|其中|约|\(|i\.e\.|that\s+is|from|up\s+from|down\s+from|"
    r"compared|versus|vs)", re.I)
CHANGE = re.compile(
    rf"(?:从|由)\s*(?P<a>{NUMBER})\s*(?:{UNIT_ZH})?\s*(?:提高|提升|增加|增长|降低|下降|减少|降|升)?"
    rf"(?:到|至)\s*(?P<b>{NUMBER})"
    rf"|(?i:\bfrom\s+(?:USD\s*|\$)?(?P<c>{NUMBER})\s*(?:%|[A-Za-z]+)?\s+to\s+(?:USD\s*|\$)?"
    rf"(?P<d>{NUMBER}))")
RESTATED = re.compile(r"^\s*(?:节约|节省|省下|合计|折合|约合|相当于|即|saving|i\.e\.)", re.I)
"""A clause saying the clause before it again in other terms (降低8%，节约200万元)."""
STANDARD = re.compile(r"必须|务必|一律|每次都|都要|都主动|每位[^，,。]{0,10}都|所有[^，,。]{0,8}都|"
                      r"\b(?:always|every\s+time)\b", re.I)
"""A standard kept or not, measured as a yes/no (在接待顾客时必须询问需求: 有无询问)."""
BRACKETS = re.compile(r"[(（][^()（）]*[)）]")
CLAUSES = re.compile(r"[，；;。！!？?]|(?<!\d),|,(?!\d)|并且|并|同时|以及|另外|\band\b|\bplus\b",
                      re.I)
LATIN_WORD = re.compile(r"[A-Za-z]+")


def normal(text: str) -> str:
    # Full-width digits and percent signs (７００％) read as ASCII; CJK is untouched.
    return unicodedata.normalize("NFKC", text or "").strip()


def without_dates(text: str) -> tuple[str, list[str]]:
    """`text` with date expressions blanked out, and the (real) dates found."""
    undated, found, _impossible = read_dates(text)
    return undated, found


_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                "dec")


def _is_real(match: re.Match[str]) -> bool:
    """Whether a date's day exists in its month (11月31日 and 2月30日 do not)."""
    groups = match.groupdict()
    if groups.get("mn"):
        month = _MONTH_NAMES.index(groups["mn"][:3].lower()) + 1
    elif groups.get("m"):
        month = int(groups["m"])
    else:
        return True
    year = int(groups["y"]) if groups.get("y") and len(groups["y"]) == 4 else 2000
    try:
        dt.date(year, month, int(groups["d"]) if groups.get("d") else 1)
    except ValueError:
        return False
    return True


def read_dates(text: str) -> tuple[str, list[str], list[str]]:
    """`text` with date expressions blanked out, the real dates found, and the
    impossible ones (11月31日): written as dates, but no calendar has them."""
    found: list[str] = []
    impossible: list[str] = []

    def blank(match: re.Match[str]) -> str:
        (found if _is_real(match) else impossible).append(match.group(0).strip())
        return " " * len(match.group(0))

    for pattern in DATE_PATTERNS:
        text = pattern.sub(blank, text)
    return text, found, impossible


def number(text: str) -> float:
    return float(text.replace(",", ""))


def quantities(text: str) -> list[tuple[str, str]]:
    """Numbers in `text` (dates removed first): (what was written, its unit or "")."""
    out: list[tuple[int, str, str]] = []
    for match in QUANTITY.finditer(text):
        unit = (match.group("unit") or "").strip()
        pre = (match.group("pre") or "").strip()
        written = match.group(0).strip()
        value = match.group("num")
        if not unit and not pre and re.fullmatch(r"(?:19|20)\d{2}", value):
            continue  # a bare year
        out.append((match.start(), written, unit or pre))
    out += [(m.start(), m.group(0), m.group(0)[-1]) for m in CN_QUANTITY.finditer(text)]
    return [(written, unit) for _, written, unit in sorted(out)]


def clauses(text: str) -> list[str]:
    return [c.strip() for c in CLAUSES.split(BRACKETS.sub(" ", text)) if c and c.strip()]


def content_size(text: str) -> int:
    """How much a statement says, dates aside: CJK characters, words and quantities."""
    return (sum(1 for char in text if is_han(char)) + len(LATIN_WORD.findall(text))
            + len(QUANTITY.findall(text)))


