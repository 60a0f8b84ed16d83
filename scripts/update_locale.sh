#!/usr/bin/env bash
# Re-extract the translatable strings and compile the English catalogue.
set -euo pipefail
cd "$(dirname "$0")/.."
# English comes from scripts/en_glossary.py, so start afresh (no fuzzy guesses from msgmerge).
rm -f locale/en/LC_MESSAGES/django.po
.venv/bin/python manage.py makemessages -l en -v0 \
  --ignore=".venv/*" --ignore="node_modules/*" --ignore=".tools/*" --ignore="var/*" --ignore="bench/*" --ignore="tests/*"
python3 scripts/fill_en.py
.venv/bin/python manage.py compilemessages -l en -v0 --ignore=".venv/*" --ignore="node_modules/*"
