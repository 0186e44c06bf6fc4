"""Conventions of news pages that a line classifier cannot infer from shape alone.

These are generic conventions of many outlets (UI words, credit and byline forms, common
section names, wire services), not lines of any particular article.
"""

from __future__ import annotations

import re

# Whole-line UI words and phrases, compared after lowercasing and stripping punctuation.
UI_WORDS = frozenset(
    """
    discuss share tweet email print subscribe comments comment copy save bookmark listen
    advertisement ad ads sponsored promoted follow more next previous home menu search login
    register close accept reject watch video play live newsletter whatsapp telegram facebook
    twitter x linkedin reddit vk pinterest trending related recommended latest feedback
    translate audio photos gallery
    """.split()
)
_UI_MULTI = [
    p.strip()
    for p in (
        "share this article|share on facebook|share on twitter|read full article|"
        "read the full story|subscribe now|show comments|hide comments|leave a comment|"
        "view comments|add comment|copy link|link copied|save article|listen to this article|"
        "listen to article|sponsored content|follow us|follow us on twitter|"
        "follow us on telegram|follow us on facebook|load more|see more|show more|back to top|"
        "log in|sign in|sign up|accept all|reject all|skip to content|skip to main content|"
        "add to favorites|most read|most popular|related articles|related stories|"
        "related content|related news|recommended for you|more on this story|you may also like|"
        "top stories|latest news|editors picks|see also|also read|open in app|download app|"
        "download the app|report an error|continue reading|keep reading|"
        "story continues below advertisement|story continues below|scroll to continue reading|"
        "gift this article|give feedback|font size|text size|read more|share this|e mail|"
        "print article|related topics|ad feedback|close panel|image source|image caption|"
        "more from this author|like this|share this|share on|reuse this content"
    ).split("|")
]
UI_LINES = frozenset(_UI_MULTI) | UI_WORDS

# Lines that are UI whatever follows (counters, calls to action).
UI_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(follow|join|find) us\b.{0,60}$",
        r"^(sign up|subscribe|register|get our|get the)\b.{0,100}$",
        r"^\d[\d,.]*\s*[km]?\s+(comments?|shares?|views?|likes?|reactions?)$",
        r"^(comments?|shares?|views?)\s*[(:]?\s*\d+\)?$",
        r"^click here\b.{0,100}$",
        r"^(read|see|watch|listen to) (the )?(rest|full|whole|more)\b.{0,80}$",
        r"^\d+\s*(min|mins|minute|minutes)\s+(read|listen)$",
        r"^(download|install) (our|the) app\b.{0,60}$",
        r"^(this article|this story) (was|has been) (updated|corrected)\b.{0,100}$",
        r"^(all rights reserved|copyright\b).{0,120}$",
        r"^(advertisement|ad)\s*[:-]?\s*(scroll|continue).{0,40}$",
    )
]

# A label then a headline: "Read more: ...", "RELATED | ...", "Watch — ...".
RELATED_PREFIX = re.compile(
    r"^(read more|read also|also read|related|related article|related story|see also|also see|"
    r"more|more on this|watch|listen|recommended|most read|trending|opinion|explainer|"
    r"editor'?s pick|top story|must read|don'?t miss|you might like|you may also like|"
    r"you might also like|in pictures|live|more from|more stories|further reading)"
    r"\s*[:|»>—–-]+\s*\S.{0,200}$",
    re.IGNORECASE,
)

# Headings of a press release's closing boilerplate: "About Acme Health", "About the
# author", "Forward-Looking Statements", "Safe Harbor Statement", "Media Contact(s)".
# "About <Name>" counts only over a paragraph that opens with the name ("Acme Health is
# a ..."): a news subheading may open with "About".
BOILERPLATE_HEADING = re.compile(
    r"(?:(?i:about\s+the\s+authors?)"
    r"|About\s+(?P<name>[A-Z0-9][\w&.,'’()-]*(?:\s+[\w&.,'’()-]+){0,7})"
    r"|(?i:forward[- ]looking\s+statements?|safe\s+harbou?r\s+statement"
    r"|cautionary\s+(?:note|statement)s?(?:\s+[\w-]+){0,4}"
    r"|(?:media|press|investor)\s+contacts?))\s*:?"
)

# UI lines that head a list of other articles ("More on this story", "Related Topics").
LIST_HEADER = re.compile(
    r"\b(related|more|also|recommended|popular|trending|read|latest|top stories|like|"
    r"don'?t miss|see)\b",
    re.IGNORECASE,
)

# "... (Reuters photo: Jane Doe)", "(AP Photo/John Smith)": a caption ending in its credit.
CAPTION_TAIL = re.compile(
    r"\((\w+\s+)?(photo|photograph|image|picture|video|file)s?(\s+by)?\s*[:/][^)]*\)\s*$",
    re.IGNORECASE,
)
# "Health|Headline", "World » Headline": a section label glued to another article's headline.
LABEL_SPLIT = re.compile(r"\s*[|»›]\s*")

TAGS_PREFIX = re.compile(
    r"^(tags?|topics?|keywords?|filed under|categories|category|more about|subjects?)\s*[:|]",
    re.IGNORECASE,
)

COOKIE = re.compile(r"\bcookies?\b", re.IGNORECASE)
COOKIE_CONTEXT = re.compile(
    r"\b(use|uses|using|accept|consent|privacy|policy|settings|preferences|continu\w*|agree|"
    r"experience|browsing|website|site|personali[sz]\w*|partners)\b",
    re.IGNORECASE,
)

CREDIT = re.compile(
    r"^(©|\(c\)|copyright\b|photo\b|photos\b|image\b|images\b|picture\b|pictures\b|video\b|"
    r"graphic\b|illustration\b|credit\b|source\b|file photo\b|pool photo\b)"
    r"\s*(credit|by|courtesy of)?\s*[:/©|-]?\s*.{0,100}$",
    re.IGNORECASE,
)
CREDIT_ANYWHERE = re.compile(
    r"(©|\bgetty images\b|\bap photo\b|\bafp photo\b|\breuters/|\bvia getty\b|\bshutterstock\b|"
    r"\bfile photo\b|/ sputnik\b|\bsputnik /)",
    re.IGNORECASE,
)

BYLINE = re.compile(
    r"^(?i:by|written by|reporting by|words by|story by|from)\s+"
    r"[A-Z][\w.'’-]*(\s+(?:[A-Z][\w.'’-]*|de|van|von|da|del|al|bin|la|le))*"
    r"(\s*(,|\||and|&|-|–|—|/|in)\s*.{0,80})?$",
)
# A wire story's closing credit: "Associated Press writers Mary Clare Jalonick and Lisa
# Mascaro contributed to this report.", "(Reporting by Jane Doe; Editing by John Roe)",
# "Additional reporting by ...".
CONTRIBUTORS = re.compile(
    r"\bcontributed\s+(?:reporting|to\s+(?:this|the)\s+(?:report|story|article))"
    r"(?:\s+(?:from|in)\s+[\w ,.]+)?\.?\)?$"
    r"|^\(?(?i:additional\s+)?(?i:reporting|writing)\s+by\b.*(?i:editing)\s+by\b"
    r"|^\(?(?i:additional\s+reporting\s+by)\b"
)
BYLINE_WORDS = re.compile(
    r"^(published|updated|last updated|posted|modified|first published|date|created|"
    r"originally published)\b\s*(on|at)?\s*:?",
    re.IGNORECASE,
)
_MONTHS = (
    r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?)\.?"
)
DATE = re.compile(
    r"(\b\d{1,2}[./-]\d{1,2}[./-](\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b|"
    rf"\b\d{{1,2}}(st|nd|rd|th)?\s+{_MONTHS}\s*,?\s+\d{{4}}\b|\b{_MONTHS}\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}\b)",
    re.IGNORECASE,
)
TIME = re.compile(
    r"(\b\d{1,2}:\d{2}(\s*(am|pm|a\.m\.|p\.m\.))?\s*(gmt|utc|cet|est|edt|pst|pdt|msk|bst|et)?\b|"
    r"\b\d+\s+(minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\b)",
    re.IGNORECASE,
)

# Wire services and outlets whose names stand alone as a credit line.
OUTLETS = {
    name.lower(): name
    for name in (
        "Sputnik", "Sputnik International", "RIA Novosti", "TASS", "RT", "Reuters", "AP",
        "Associated Press", "AFP", "Agence France-Presse", "Bloomberg", "BBC", "BBC News", "CNN",
        "Fox News", "NBC News", "CBS News", "ABC News", "NPR", "PBS", "The Guardian",
        "The New York Times", "New York Times", "The Washington Post", "Washington Post",
        "The Wall Street Journal", "Wall Street Journal", "Financial Times", "The Economist",
        "Al Jazeera", "Deutsche Welle", "DW", "France 24", "Euronews", "Xinhua", "Anadolu",
        "Anadolu Agency", "EFE", "ANSA", "dpa", "Kyodo", "Yonhap", "PTI", "IANS", "ANI",
        "The Independent", "The Telegraph", "Daily Mail", "The Times", "Sky News", "Politico",
        "Axios", "The Hill", "Breitbart", "Breitbart News", "HuffPost", "Vox", "Newsweek",
        "Time", "USA Today", "Los Angeles Times", "Chicago Tribune", "The Atlantic",
        "Kyiv Independent", "Ukrinform", "Interfax", "Kommersant", "Izvestia", "Meduza",
        "The Moscow Times", "Global Times", "South China Morning Post", "Times of India",
        "The Hindu", "Dawn", "Haaretz", "The Jerusalem Post", "Le Monde", "Der Spiegel",
        "El País", "Voice of America", "VOA", "Radio Free Europe", "RFE/RL", "UPI",
        "Getty Images", "Shutterstock", "Pool", "Handout", "PR Newswire", "PRNewswire",
        "Business Wire", "BusinessWire", "GlobeNewswire", "Globe Newswire",
    )
}

# Section names that outlets print as a label above a headline.
SECTIONS = frozenset(
    s.lower()
    for s in (
        "World", "World News", "News", "Politics", "US", "U.S.", "US News", "U.S. News", "UK",
        "UK News", "Europe", "Asia", "Africa", "Americas", "Latin America", "Middle East",
        "Asia Pacific", "Australia", "Russia", "Ukraine", "China", "India", "Business",
        "Economy", "Markets", "Finance", "Money", "Tech", "Technology", "Science",
        "Science & Tech", "Science and Technology", "Health", "Environment", "Climate",
        "Sport", "Sports", "Culture", "Arts", "Entertainment", "Lifestyle", "Travel",
        "Opinion", "Opinions", "Comment", "Commentary", "Analysis", "Military", "Defense",
        "Defence", "National", "International", "Local", "Breaking News", "Breaking",
        "Society", "Education", "Election", "Elections", "Crime", "Law", "Justice",
        "Global", "Nation", "Video", "Videos", "Podcasts", "Features", "Investigations",
        "Fact Check", "Fact-Check", "Insight", "Explainer", "Editorial", "Asia-Pacific",
    )
)
