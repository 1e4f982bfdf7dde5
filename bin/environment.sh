# Shared by bin/demo, bin/test and bin/serve: find a Python 3.12+ and build .venv with uv;
# for bin/test, Debian's Chromium and fonts.
# Sourced, not executed.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export UV_PYTHON_DOWNLOADS="${UV_PYTHON_DOWNLOADS:-never}"
export UV_PROJECT_ENVIRONMENT="$ROOT/.venv"

# Print the path of the first interpreter that is Python 3.12 or newer: on PATH first,
# then in pyenv's versions folder (pyenv shims fail when a version is not selected, so
# every candidate is run, not just found).
find_python() {
    local candidate
    local candidates=(python3.14 python3.13 python3.12 python3)
    local pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
    for candidate in "${candidates[@]}"; do
        if command -v "$candidate" >/dev/null 2>&1 && is_recent_python "$candidate"; then
            "$candidate" -c 'import sys; print(sys.executable)'
            return 0
        fi
    done
    for candidate in $(ls -d "$pyenv_root"/versions/3.1[2-9]* 2>/dev/null | sort -rV); do
        if is_recent_python "$candidate/bin/python3"; then
            echo "$candidate/bin/python3"
            return 0
        fi
    done
    for candidate in /usr/bin/python3.1[2-9] /usr/local/bin/python3.1[2-9]; do
        if [ -x "$candidate" ] && is_recent_python "$candidate"; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

is_recent_python() {
    "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

# uv from PATH, or bootstrapped once into .cache/ with the interpreter's own pip.
find_uv() {
    if command -v uv >/dev/null 2>&1; then
        command -v uv
        return 0
    fi
    local bootstrap="$ROOT/.cache/uv-bootstrap"
    if [ ! -x "$bootstrap/bin/uv" ]; then
        echo "Installing uv into $bootstrap ..." >&2
        "$PYTHON" -m venv "$bootstrap" >&2 && "$bootstrap/bin/pip" install --quiet uv >&2 || return 1
    fi
    echo "$bootstrap/bin/uv"
}

# Build or update .venv from uv.lock; extra arguments go to `uv sync` (e.g. --no-dev).
ensure_environment() {
    PYTHON="$(find_python)" || {
        echo "Byline needs Python 3.12 or newer; none was found on PATH or in pyenv." >&2
        return 1
    }
    UV="$(find_uv)" || {
        echo "Could not find or install uv." >&2
        return 1
    }
    "$UV" sync --quiet --locked --python "$PYTHON" "$@" || return 1
    export PATH="$ROOT/.venv/bin:$PATH"
}

# The browser journeys drive Debian's Chromium (BYLINE_CHROMIUM names another) and need its
# fonts. Install what is missing when this is root with apt-get; otherwise say, in one line,
# which command does (the journeys then skip, saying the same).
ensure_browser() {
    local missing=()
    if [ -z "${BYLINE_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
        missing+=(chromium)
    fi
    if command -v dpkg >/dev/null 2>&1 && ! dpkg -s fonts-liberation >/dev/null 2>&1; then
        missing+=(fonts-liberation)
    fi
    [ "${#missing[@]}" -eq 0 ] && return 0
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing ${missing[*]} for the browser tests ..." >&2
        if apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; then
            return 0
        fi
    fi
    echo "The browser tests need ${missing[*]} (without Chromium they skip): run \`sudo apt-get install -y ${missing[*]}\`." >&2
}
