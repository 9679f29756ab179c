# Sourced by scripts/demo and scripts/test: create .venv once, (re)install when pyproject.toml changes.
venv=.venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
stamp="$venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  "$venv/bin/python" -m pip install --quiet -e ".[dev]"
  rm -f "$venv"/.installed-*; touch "$stamp"
fi
# shellcheck disable=SC1091
source "$venv/bin/activate"
