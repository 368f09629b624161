#!/usr/bin/env bash
# Foyer resident kiosk launcher (1080x1920 portrait touchscreen).
# Waits for the Foyer server, prepares the screen, then execs Chromium in kiosk mode on
# $FOYER_URL/pair?kind=kiosk: a new kiosk shows a pairing code until an admin approves it at
# the desk (Devices / 设备), then goes on to /kiosk by itself, at once on every later start.
# The pairing is kept in the Chromium profile (FOYER_PROFILE_DIR).
#
# Usage: foyer-kiosk.sh [--print-cmd]
#   --print-cmd  print the Chromium command line that would run, then exit 0
#                (no health wait, no changes to the screen or the profile)
# Config: $FOYER_CONFIG, default /etc/foyer/kiosk.env (see kiosk.env.example).
set -euo pipefail

log() { printf 'foyer-kiosk: %s\n' "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}

print_only=0
for arg in "$@"; do
  case "$arg" in
    --print-cmd) print_only=1 ;;
    -h | --help)
      sed -n '2,11s/^# \{0,1\}//p' "$0"
      exit 0
      ;;
    *) die "unknown argument: $arg (try --help)" ;;
  esac
done

# --- configuration ---------------------------------------------------------
config="${FOYER_CONFIG:-/etc/foyer/kiosk.env}"
if [[ -r "$config" ]]; then
  set -a
  # shellcheck source=/dev/null
  . "$config"
  set +a
elif [[ -n "${FOYER_CONFIG:-}" ]]; then
  die "config file $config not found or not readable"
else
  log "no $config, using environment only"
fi

FOYER_URL="${FOYER_URL:-}"
FOYER_URL="${FOYER_URL%/}"
FOYER_PROFILE_DIR="${FOYER_PROFILE_DIR:-/var/lib/foyer-kiosk}"
FOYER_SCALE="${FOYER_SCALE:-}"
FOYER_ROTATE="${FOYER_ROTATE:-}"

[[ "$FOYER_URL" =~ ^https?://[^/]+ ]] ||
  die "FOYER_URL must look like http://192.168.1.10:3000 (got '${FOYER_URL}'); set it in $config"
[[ -z "$FOYER_SCALE" || "$FOYER_SCALE" =~ ^[0-9]+([.][0-9]+)?$ ]] ||
  die "FOYER_SCALE must be a number such as 1 or 1.5 (got '$FOYER_SCALE')"
case "$FOYER_ROTATE" in
  "" | normal | left | right | inverted) ;;
  *) die "FOYER_ROTATE must be normal, left, right or inverted (got '$FOYER_ROTATE')" ;;
esac

# Not /kiosk itself: only a paired kiosk shows up at the desk, where staff can reload it.
url="$FOYER_URL/pair?kind=kiosk"

# --- Chromium command line -------------------------------------------------
# Ubuntu's Chromium is a snap; systemd's default PATH lacks /snap/bin.
PATH="$PATH:/snap/bin"
browser=""
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" >/dev/null 2>&1; then
    browser="$b"
    break
  fi
done
if [[ -z "$browser" ]]; then
  ((print_only)) || die "no chromium, chromium-browser or google-chrome found in PATH"
  browser=chromium
fi

cmd=(
  "$browser"
  --kiosk
  --noerrdialogs
  --disable-infobars
  --disable-session-crashed-bubble
  "--disable-features=Translate,TranslateUI"
  --no-first-run
  --disable-pinch
  --overscroll-history-navigation=0
  --disable-translate
  --autoplay-policy=no-user-gesture-required
  --check-for-update-interval=31536000
  --disable-component-update
  --disable-background-networking
  --disable-sync
  --password-store=basic
  "--user-data-dir=$FOYER_PROFILE_DIR"
  --lang=zh-CN
  --touch-events=enabled
)
[[ -n "$FOYER_SCALE" ]] && cmd+=("--force-device-scale-factor=$FOYER_SCALE")
# Under a Wayland compositor such as cage, talk Wayland directly.
[[ -n "${WAYLAND_DISPLAY:-}" ]] && cmd+=(--ozone-platform=wayland)
cmd+=("$url")

if ((print_only)); then
  # Shell-quote only the arguments that need it, so the line stays readable.
  line=""
  for a in "${cmd[@]}"; do
    if [[ "$a" =~ ^[A-Za-z0-9_./:=,%+@-]+$ ]]; then q="$a"; else q="'${a//\'/\'\\\'\'}'"; fi
    line+="${line:+ }$q"
  done
  printf '%s\n' "$line"
  exit 0
fi

# --- wait for the Foyer server (nothing is shown on screen meanwhile) ------
delay=1
until curl -fsS -o /dev/null --connect-timeout 5 --max-time 10 "$FOYER_URL/api/health" 2>/dev/null; do
  log "Foyer server not reachable at $FOYER_URL/api/health, retrying in ${delay}s"
  sleep "$delay"
  ((delay = delay < 30 ? delay * 2 : 30))
done
log "Foyer server is up at $FOYER_URL"

# --- screen set-up (X11 only) ----------------------------------------------
if [[ -n "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  if command -v xset >/dev/null 2>&1; then
    # The X session may still be starting (autologin): wait up to 60 s for it.
    for ((i = 0; i < 30; i++)); do
      xset q >/dev/null 2>&1 && break
      sleep 2
    done
    xset q >/dev/null 2>&1 || die "cannot open X display $DISPLAY (is autologin of user foyer set up? is XAUTHORITY right?)"
    xset s off s noblank || log "warning: xset could not disable the screen saver"
    xset -dpms || log "warning: xset could not disable DPMS"
  fi
  if [[ -n "$FOYER_ROTATE" ]] && command -v xrandr >/dev/null 2>&1; then
    output=$(xrandr --query 2>/dev/null | awk '/ connected/ && !o { o = $1 } END { print o }' || true)
    if [[ -n "$output" ]]; then
      xrandr --output "$output" --rotate "$FOYER_ROTATE" || log "warning: xrandr rotation failed"
    else
      log "warning: no connected output found, FOYER_ROTATE ignored"
    fi
  fi
  # Touch kiosk: nobody needs a mouse pointer.
  if command -v unclutter >/dev/null 2>&1; then
    unclutter -idle 1 -root &
  fi
fi

# Sound and D-Bus of the logged-in foyer session, when started from systemd.
runtime_dir="/run/user/$(id -u)"
if [[ -z "${XDG_RUNTIME_DIR:-}" && -d "$runtime_dir" ]]; then
  export XDG_RUNTIME_DIR="$runtime_dir"
fi
if [[ -z "${DBUS_SESSION_BUS_ADDRESS:-}" && -S "${XDG_RUNTIME_DIR:-/nonexistent}/bus" ]]; then
  export DBUS_SESSION_BUS_ADDRESS="unix:path=$XDG_RUNTIME_DIR/bus"
fi

# --- profile ---------------------------------------------------------------
mkdir -p "$FOYER_PROFILE_DIR" || die "cannot create profile dir $FOYER_PROFILE_DIR (must be writable by $(id -un))"
# Avoid the "Chromium didn't shut down correctly" bubble after a power cut.
# (Newer Chromium keeps exited_cleanly in "Local State", so patch both.)
for prefs in "$FOYER_PROFILE_DIR/Default/Preferences" "$FOYER_PROFILE_DIR/Local State"; do
  [[ -f "$prefs" ]] || continue
  sed -i -e 's/"exit_type": *"[^"]*"/"exit_type":"Normal"/g' \
    -e 's/"exited_cleanly": *false/"exited_cleanly":true/g' "$prefs" ||
    log "warning: could not patch $prefs"
done

# Chromium on Linux takes its UI language from the environment as well.
export LANGUAGE=zh_CN:zh

log "starting $browser at $url"
exec "${cmd[@]}"
