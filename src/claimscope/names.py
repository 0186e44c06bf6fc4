"""Gender of common first names, for matching "he"/"she" to a named person.

A short list of frequent given names in English-language news (American, British,
European, Russian and Ukrainian, Arabic, South Asian, East Asian romanised) decides first;
then the 21,579 names of ``models/first_names.tsv`` (built from the MIT-licensed
nomquamgender name data by ``scripts/build_first_names.py``: names borne by one gender
98% of the time or more). A name in neither, or in both short lists, has no gender, and
then any pronoun may refer to it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_TABLE = Path(__file__).resolve().parent / "models" / "first_names.tsv"

_MALE = frozenset("""
james john robert michael william david richard joseph thomas charles christopher daniel
matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy
christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse
jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy roy
vincent ralph eugene russell bobby mason philip louis bernie barack mitt ted marco rand
chris mike jim bob bill tom tony nick ben sam dan steve jeb newt rick lindsey mitch chuck
boris vladimir wladimir sergei sergey dmitry dmitri alexei alexey andrei andrey ivan nikolai mikhail
yuri viktor volodymyr petro oleksandr oleksiy vitali vitaly alexander igor oleg
maxim pavel anatoly gennady valery emmanuel francois olaf rishi keir justin
recep bashar ali mohammed muhammad ahmed mahmoud hassan hussein omar khalid abdul
ibrahim yusuf benjamin naftali yair narendra rahul imran xi kim shinzo
fumio moon yoon luiz jair javier pedro carlos luis miguel jorge antonio francisco manuel
matteo mario giuseppe hans karl friedrich wolfgang jean pierre jacques nicolas
emmanuel lars anders jens rutger mark viktor andrzej mateusz volodymyr dmytro denys
""".split())
_FEMALE = frozenset("""
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty
margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah
stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela
emma nicole helen samantha katherine christine debra rachel carolyn janet catherine maria
heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn
judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances
kathryn janice jean abigail alice judy sophia grace denise amber doris marilyn danielle
beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori hillary
kamala nancy elizabeth michelle melania ivanka huma sarah nikki tulsi kellyanne hope
ursula theresa liz giorgia annalena marine sanna jacinda mette kaja nataliya natalia olena
yulia iryna maria svetlana tatiana olga irina elena anastasia ekaterina marina valentina
lyudmila zelda fatima aisha layla mariam sonia indira priya benazir
""".split())

_LISTED = _MALE | _FEMALE


def first_name_gender(full_name: str) -> str:
    """'m', 'f', or '' when the first name is not in the short lists or is in both."""
    first = full_name.split()[0].lower().strip(".") if full_name.split() else ""
    male, female = first in _MALE, first in _FEMALE
    if male == female:
        return ""
    return "m" if male else "f"


def person_gender(full_name: str) -> str:
    """A named person's gender by their first name: the short lists, then, for a name of
    two words or more, the shipped table. A name of one word is mostly a surname
    ("Clinton", "Marshall"), which says nothing of its bearer's gender."""
    words = full_name.split()
    first = words[0].lower().strip(".") if words else ""
    if len(words) < 2 or first in _LISTED:
        return first_name_gender(full_name)
    return _table().get(first, "")


@cache
def _table() -> dict[str, str]:
    """The shipped first-name table: name -> 'm' or 'f'."""
    out: dict[str, str] = {}
    for line in _TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, gender = line.split("\t")
            out[name] = gender
    return out


def is_first_name(word: str) -> bool:
    """Whether ``word`` is a first name of the short lists or the shipped table (a name
    borne by both genders about equally, "Hunter", is in neither)."""
    low = word.lower().strip(".")
    return low in _LISTED or low in _table()
