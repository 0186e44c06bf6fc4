"""Gender of common first names, for matching "he"/"she" to a named person.

A short list of frequent given names in English-language news (American, British,
European, Russian and Ukrainian, Arabic, South Asian, East Asian romanised). A name not
listed has no gender, and then any pronoun may refer to it.
"""

from __future__ import annotations

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


def first_name_gender(full_name: str) -> str:
    """'m', 'f', or '' when the first name is unknown or ambiguous."""
    first = full_name.split()[0].lower().strip(".") if full_name.split() else ""
    male, female = first in _MALE, first in _FEMALE
    if male == female:
        return ""
    return "m" if male else "f"
