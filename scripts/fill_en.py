"""Fill English translations for the shell's vocabulary into locale/en (run after makemessages)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from en_glossary import T

po = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
lines = po.read_text(encoding="utf-8").splitlines()
out = []
i = 0
filled = 0
while i < len(lines):
    line = lines[i]
    out.append(line)
    if line.startswith('msgid "') and i + 1 < len(lines) and lines[i + 1].startswith("msgstr "):
        msgid = line[len('msgid "') : -1]
        if msgid in T:
            out.append(f'msgstr "{T[msgid]}"')
            filled += 1
            i += 2
            continue
    i += 1
po.write_text("\n".join(out) + "\n", encoding="utf-8")
print(f"filled {filled} translations")
