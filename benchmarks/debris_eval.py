"""Debris removal on scraped-looking articles: precision and recall of removed lines.

Real article bodies are taken at run time from ``../shared/data`` (never committed); each
gets debris lines in one outlet's conventions at realistic places (section label and credit
above the title, byline and share bar below it, related links and teaser headlines between
paragraphs, tags, comments and newsletter prompts at the end) and one or two subheadings.
The seed article, with its debris hand-labelled, is added. The script prints removed-line
precision and recall, subheadings kept, title accuracy, and a trivial baseline beside them.

    python benchmarks/debris_eval.py [--data ../shared/data] [--articles 60] [--seed 13]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import claimscope
from claimscope.model import Article

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "sputnik_putin_cluster_munitions.txt"
# The seed's debris lines, labelled by hand (the acceptance list of the foundation issue).
SEED_DEBRIS = {
    "World", "Sputnik", "Russia's Special Operation in Ukraine", "Discuss",
    "Fact Check: Have US Cluster Munitions Proven Effective Amid Ukraine Counteroffensive?",
    "UK ‘Hired Gun’ in Ukraine Found Dead in Pond, Hands Tied Behind Back",
}
# A body line counts as prose (true body) when it is a sentence of some length: source
# texts carry their own scraping debris ("Email *", "Advertisement"), which must not be
# scored as body. Lines that fail the test are left out of the generated pages.
_MIN_PROSE_WORDS = 6
_PROSE_END = (".", "!", "?", "”", '"', "’", "'", ")")
SEED_HEADINGS = {"On Special Military Op", "On Relations With North Korea"}

# How outlets dress an article, written from what their pages show; {h} is another
# article's headline, {d} a date, {n} a number, {a} an author, {s} a section.
PROFILES: dict[str, dict[str, list[str]]] = {
    "wire": {
        "top": ["{s}"],
        "under_title": ["By {a}", "{n} min read", "By {a} | {d}"],
        "middle": ["Read more: {h}", "RELATED: {h}"],
        "end": ["Reporting by {a}; Editing by {a2}", "Our Standards: The Trust Principles.",
                "Share", "Topics: {s}, {s2}"],
    },
    "broadcaster": {
        "top": ["{s}"],
        "under_title": ["{d}", "Share", "Close panel"],
        "middle": ["Image source, Getty Images", "Related Topics", "More on this story"],
        "end": ["Related Topics", "Share this article", "Comments"],
    },
    "daily": {
        "top": ["{s}", "Advertisement"],
        "under_title": ["By {a}", "Published {d}", "Share on Facebook", "Share on Twitter"],
        "middle": ["Advertisement", "Story continues below advertisement", "See also: {h}"],
        "end": ["Tags: {s}, {s2}", "Sign up for our daily newsletter", "{n} comments",
                "We use cookies to give you the best experience on our website. "
                "By continuing you agree to our cookie policy."],
    },
    "cable": {
        "top": ["{s}"],
        "under_title": ["Updated {t}, {d}", "Link Copied!"],
        "middle": ["Ad Feedback", "Read More", "Watch: {h}"],
        "end": ["Show comments", "Trending", "Follow us on Twitter"],
    },
    "state_media": {
        "top": ["{s}", "{o}"],
        "under_title": ["{d}"],
        "middle": ["{s}|{h}", "{o}"],
        "end": ["Discuss", "Subscribe", "Tags: {s}"],
    },
    "aggregator": {
        "top": ["Home", "{s}"],
        "under_title": ["Posted {ago}", "{n} views"],
        "middle": ["You may also like: {h}", "Don't miss: {h}"],
        "end": ["Related Articles", "{h}", "{h2}", "Copyright {y} Example Media. "
                "All rights reserved."],
    },
    "magazine": {
        "top": ["{s}"],
        "under_title": ["Words by {a}", "{d}", "Listen to this article"],
        "middle": ["Photo: {a} / Reuters", "Also read: {h}"],
        "end": ["Filed under: {s}", "Give feedback", "Back to top"],
    },
    "blog": {
        "top": [],
        "under_title": ["Posted on {d} by {a}", "Print", "Email"],
        "middle": ["Click here to read the full report"],
        "end": ["Like this:", "Leave a comment", "Share this:", "Tweet", "WhatsApp"],
    },
}
OUTLET_NAMES = ["Reuters", "AFP", "TASS", "Sputnik", "RT", "Xinhua", "Anadolu Agency"]
SECTIONS = ["World", "Politics", "US News", "Europe", "Business", "Opinion", "Middle East",
            "Health", "Science", "Asia Pacific", "Elections", "Analysis"]
AUTHORS = ["Jane Smith", "Tom O'Neill", "Maria Garcia-Lopez", "Kenji Watanabe", "Olena Koval",
           "Ahmed El-Sayed", "Sarah van der Berg", "JOHN CARTER"]
DATES = ["12 March 2024", "March 3, 2023", "2022-11-08", "14.07.2023", "Sept. 9, 2016",
         "Mon 5 Feb 2024 10.41 GMT", "Thu 7 March 2024 09:12 EDT"]
TIMES = ["10:41 AM EDT", "9.05pm", "14:30 GMT"]
AGO = ["2 hours ago", "3 days ago", "45 minutes ago"]
# Subheadings in the forms newsrooms use; {x} is a name from the paragraph that follows.
SUBHEAD_FORMS = ["On {x}", "What Happens Next", "{x} Responds", "A Divided Response",
                 "Why It Matters", "The View From {x}", "Reaction", "Background",
                 "What {x} Wants", "Questions Remain", "A Long Road Ahead", "{x}'s Role"]
_NAME = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")


@dataclass
class Page:
    raw: str
    title: str
    debris: set[int] = field(default_factory=set)  # raw offsets of inserted debris lines
    headings: set[int] = field(default_factory=set)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    heads: int = 0
    heads_kept: int = 0
    titles: int = 0
    titles_right: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    def report(self, name: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        h = self.heads_kept / self.heads if self.heads else 0.0
        t = self.titles_right / self.titles if self.titles else 0.0
        return (f"{name:<22} removed P={p:.3f} R={r:.3f} (tp={self.tp} fp={self.fp} "
                f"fn={self.fn})  subheadings kept={h:.3f} ({self.heads_kept}/{self.heads})  "
                f"title={t:.3f}")


def load_bodies(data: Path) -> list[tuple[str, list[str]]]:
    """(title, body lines) of real articles from the quote and framing datasets."""
    out: list[tuple[str, list[str]]] = []
    for rel in ("quotes/polnear.dev.jsonl", "framing/semeval2023_task3.EN.train.jsonl"):
        path = data / rel
        if not path.exists():
            raise SystemExit(f"debris_eval: {path} is missing (pass --data)")
        for line in path.open(encoding="utf-8"):
            lines = [ln.strip() for ln in json.loads(line)["text"].splitlines() if ln.strip()]
            prose = [ln for ln in lines[1:] if _is_prose(ln)]
            if len(prose) >= 4 and lines[0].count(" ") >= 2:
                out.append((lines[0], prose))
    return out


# The source texts' own boilerplate (copyright lines, calls to subscribe, reprint notes),
# which would otherwise be scored as body when it is removed.
_SOURCE_BOILERPLATE = re.compile(
    r"©|\bcopyright\b|\bsubscribe\b|\bsign up\b|\bclick here\b|\breprinted\b|"
    r"\bwith permission\b|\bbuy new\b|\bphoto:", re.IGNORECASE)


def _is_prose(line: str) -> bool:
    return (len(line.split()) >= _MIN_PROSE_WORDS and line.endswith(_PROSE_END)
            and "http" not in line and not line.isupper()
            and not _SOURCE_BOILERPLATE.search(line))


def fill(template: str, rng: random.Random, headlines: list[str], outlet: str) -> str:
    s1, s2 = rng.sample(SECTIONS, 2)
    a1, a2 = rng.sample(AUTHORS, 2)
    h1, h2 = rng.sample(headlines, 2)
    return template.format(
        s=s1, s2=s2, a=a1, a2=a2, h=h1, h2=h2, d=rng.choice(DATES), t=rng.choice(TIMES),
        n=rng.randint(2, 950), y=rng.randint(2015, 2025), ago=rng.choice(AGO), o=outlet,
    )


def subheading(rng: random.Random, paragraph: str) -> str:
    names = [m for m in _NAME.findall(paragraph[1:]) if m.split()[0] not in {"The", "A", "In"}]
    forms = [f for f in SUBHEAD_FORMS if "{x}" not in f or names]
    return rng.choice(forms).format(x=rng.choice(names) if names else "")


def build(title: str, body: list[str], rng: random.Random, headlines: list[str]) -> Page:
    name = rng.choice(sorted(PROFILES))
    profile = PROFILES[name]
    outlet = rng.choice(OUTLET_NAMES)
    parts: list[tuple[str, str]] = []  # (line, role)
    parts += [(fill(t, rng, headlines, outlet), "debris") for t in profile["top"]]
    parts.append((title, "title"))
    under = profile["under_title"]
    parts += [(fill(t, rng, headlines, outlet), "debris")
              for t in rng.sample(under, rng.randint(1, len(under)))]
    middle_at = set(rng.sample(range(1, len(body)), min(len(body) - 1, rng.randint(1, 2))))
    head_at = set(rng.sample(range(2, len(body)), min(len(body) - 2, rng.randint(1, 2))))
    for i, para in enumerate(body):
        if i in middle_at:
            parts.append((fill(rng.choice(profile["middle"]), rng, headlines, outlet), "debris"))
        if i in head_at:
            parts.append((subheading(rng, para), "heading"))
        parts.append((para, "body"))
    end = profile["end"]
    parts += [(fill(t, rng, headlines, outlet), "debris")
              for t in rng.sample(end, rng.randint(1, len(end)))]
    sep = "\n\n" if rng.random() < 0.75 else "\n"
    page = Page(raw="", title=title)
    pos = 0
    chunks = []
    for line, role in parts:
        if role == "debris":
            page.debris.add(pos)
        elif role == "heading":
            page.headings.add(pos)
        chunks.append(line)
        pos += len(line) + len(sep)
    page.raw = sep.join(chunks) + "\n"
    return page


def seed_page() -> Page:
    raw = SEED.read_text(encoding="utf-8")
    page = Page(raw=raw, title="")
    pos = 0
    for line in raw.splitlines(keepends=True):
        text = line.strip()
        if text in SEED_DEBRIS:
            page.debris.add(pos + line.index(text))
        if text in SEED_HEADINGS:
            page.headings.add(pos + line.index(text))
        if text.startswith("Putin: US Uses Cluster Munitions"):
            page.title = text
        pos += len(line)
    return page


def score(page: Page, removed: set[int], headings: set[int], title: str | None,
          counts: Counts) -> None:
    counts.tp += len(removed & page.debris)
    counts.fp += len(removed - page.debris)
    counts.fn += len(page.debris - removed)
    counts.heads += len(page.headings)
    counts.heads_kept += len(page.headings & headings)
    counts.titles += 1
    counts.titles_right += int(title == page.title)


def ours(page: Page) -> tuple[set[int], set[int], str | None, Article]:
    article = claimscope.read_text(page.raw)
    removed = {r.raw_start for r in article.removed}
    headings = {article.to_raw(h.start) for h in article.headings}
    return removed, headings, article.title, article


def baseline(page: Page) -> tuple[set[int], set[int], str | None]:
    """Trivial rule: the first line is the title; every other line without terminal
    punctuation is debris; nothing is a heading."""
    removed: set[int] = set()
    pos = 0
    first = None
    for line in page.raw.splitlines(keepends=True):
        text = line.strip()
        if text:
            if first is None:
                first = text
            elif not text.endswith((".", "!", "?", "”", '"', ":")):
                removed.add(pos + line.index(text))
        pos += len(line)
    return removed, set(), first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    bodies = load_bodies(args.data)
    chosen = rng.sample(bodies, args.articles)
    headlines = [t for t, _ in bodies]
    pages = [build(t, b, rng, headlines) for t, b in chosen] + [seed_page()]
    mine, base = Counts(), Counts()
    for page in pages:
        removed, heads, title, article = ours(page)
        score(page, removed, heads, title, mine)
        b_removed, b_heads, b_title = baseline(page)
        score(page, b_removed, b_heads, b_title, base)
        if args.show_errors:
            for r in article.removed:
                if r.raw_start not in page.debris:
                    print(f"  FP [{r.reason}] {r.text[:90]!r}")
            for at in sorted(page.debris - removed):
                print(f"  FN {page.raw[at:at + 90].splitlines()[0]!r}")
            for at in sorted(page.headings - heads):
                print(f"  HEADING LOST {page.raw[at:at + 60].splitlines()[0]!r}")
            if title != page.title:
                print(f"  TITLE {title!r} != {page.title!r}")
    print(f"{len(pages)} pages ({args.articles} generated from {args.data}, plus the seed)")
    print(mine.report("claimscope"))
    print(base.report("baseline (punctuation)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
