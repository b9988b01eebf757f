#!/usr/bin/env bash
# Browser tests need Debian's Chromium and a CJK font (or Chinese renders as boxes).
# Installs them when missing and we may (root with apt-get); otherwise says what to do.
set -eu
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk" || need+=(fonts-wqy-zenhei)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing ${need[*]} for the browser tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "browser tests need: ${need[*]} (as root: apt-get install -y ${need[*]}); they will be skipped" >&2
fi
