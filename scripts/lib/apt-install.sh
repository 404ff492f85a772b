# Sourced by the setup scripts that install a missing system package from Debian's packages (setup-queue.sh,
# setup-chromium.sh): `apt_install <tag> <package>...` installs the packages with apt-get, through sudo when not
# root, and fails with a message naming the packages where neither root/sudo nor apt-get is available.
# The system services a package brings are not used (and apt's policy here usually refuses to start them).
apt_install() {
  local tag="$1"; shift
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "[$tag] $* needed: install them, or run as root" >&2; return 1; }
    sudo="sudo"
  fi
  command -v apt-get >/dev/null || { echo "[$tag] apt-get not found: install $* with your package manager" >&2; return 1; }
  printf '[%s] %s\n' "$tag" "installing $* from Debian's packages..."
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
