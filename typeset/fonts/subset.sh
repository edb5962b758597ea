#!/usr/bin/env bash
# Regenerates the font files Fitted bundles, from open-licensed upstream files, by subsetting
# them to the characters a résumé needs. The outputs are committed, so building Fitted never
# runs this; run it only to change the character sets or upgrade a font.
#
#   bash typeset/fonts/subset.sh        # needs apt-get (Debian 12), cargo, python3
#
# Inputs (exact versions, so the output is reproducible):
#   - Libertinus Serif 7.051: from the `typst-assets` 0.15.1 crate (crates.io), which Typst
#     already depends on, so `cargo fetch` puts it in the registry cache.
#   - Inter 3.019 (Debian fonts-inter 4.0~beta7+ds-1), Noto Sans Hebrew/Arabic 2.x (Debian
#     fonts-noto-core 20201225-1), Noto Sans CJK SC 2.004 (Debian fonts-noto-cjk
#     1:20220127+repack1-1).
#   - Noto Emoji 3.006 (monochrome; static instance from npm @expo-google-fonts/noto-emoji
#     0.4.7), copied unchanged: every emoji, including flags and skin-tone sequences.
#   - fontTools 4.68.0 (PyPI) does the subsetting.
#
# Why subset: the embedded fonts ship inside the worker's wasm, which every user downloads,
# so only the scripts most résumés use (Latin incl. Vietnamese, Greek, Cyrillic) are embedded.
# Arabic, CJK and emoji are separate files under public/fonts/ that the app fetches only for a
# résumé that contains them (see `fitted_core::render_source::fallback_fonts`).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT_EMBED=$ROOT/typeset/fonts
OUT_LAZY=$ROOT/public/fonts
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 -m pip install -q 'fonttools==4.68.0' 'brotli==1.1.0'

(cd "$WORK" && apt-get download fonts-inter=4.0~beta7+ds-1 fonts-noto-core=20201225-1 \
  'fonts-noto-cjk=1:20220127+repack1-1' >/dev/null)
for deb in "$WORK"/*.deb; do dpkg-deb -x "$deb" "$WORK/x"; done
INTER=$WORK/x/usr/share/fonts/opentype/inter
NOTO=$WORK/x/usr/share/fonts/truetype/noto
CJK=$WORK/x/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

cargo fetch -q
ASSETS=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/typst-assets-0.15.1/files/fonts | head -1)

# Latin (Western, Central and Northern European, Turkish, Romanian, Vietnamese), Greek,
# basic Cyrillic, general punctuation, common currency and typographic symbols.
LATIN="U+0020-007E,U+00A0-017F,U+0192,U+01A0-01A1,U+01AF-01B0,U+0218-021B,U+0237,U+0259,\
U+02BB-02BC,U+02C6-02C7,U+02C9,U+02D8-02DD,U+0300-0309,U+030A-030C,U+0323-0328,U+0370-03FF,\
U+0400-045F,U+0490-0491,U+1E9E,U+1EA0-1EF9,U+2000-206F,U+20A9,U+20AB,U+20AC,U+20B4,U+20B9,\
U+20BA,U+20BD,U+2116,U+2122,U+2190-2193,U+2212,U+2215,U+2248,U+2260,U+2264-2265,U+25AA,\
U+25CF,U+25E6,U+2713,U+FB01-FB02,U+FEFF,U+FFFD"
HEBREW="U+0020,U+0590-05FF,U+FB1D-FB4F,U+200C-200F"
ARABIC="U+0020,U+060C,U+061B,U+061F,U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF,U+200C-200F"
# Kana, Hangul compatibility jamo, CJK punctuation and full-width forms; the ideographs and
# Hangul syllables come from the text file written below.
CJK_EXTRA="U+0020,U+3000-303F,U+3040-309F,U+30A0-30FF,U+31F0-31FF,U+3130-318F,U+FF00-FFEF,U+2E80-2EFF"

# Kerning, ligatures and marks; small caps only where a template uses them (Libertinus).
FEATURES="ccmp,locl,mark,mkmk,kern,liga,calt,rlig,tnum,case"

subset() { # source output unicodes features [extra args]
  local src=$1 out=$2 uni=$3 feat=$4; shift 4
  pyftsubset "$src" --unicodes="$uni" --layout-features="$feat" --output-file="$out" \
    --name-IDs='*' --no-hinting --notdef-outline "$@" 2>/dev/null
}

for style in Regular Italic Semibold; do
  subset "$ASSETS/LibertinusSerif-$style.otf" "$OUT_EMBED/LibertinusSerif-$style.otf" \
    "$LATIN" "$FEATURES,smcp,c2sc"
done
for style in Regular Italic SemiBold; do
  subset "$INTER/Inter-$style.otf" "$OUT_EMBED/Inter-$style.otf" "$LATIN" "$FEATURES"
done
subset "$NOTO/NotoSansHebrew-Regular.ttf" "$OUT_EMBED/NotoSansHebrew-Regular.ttf" "$HEBREW" \
  "$FEATURES"
subset "$NOTO/NotoSansArabic-Regular.ttf" "$OUT_LAZY/NotoSansArabic-Regular.ttf" "$ARABIC" \
  "$FEATURES,init,medi,fina,isol,curs"

# Common CJK: all of GB 2312 (simplified Chinese, 6,763 hanzi), Big5 level 1 (traditional
# Chinese, 5,401 common hanzi), JIS X 0208 level 1 (Japanese, 2,965 kanji) and the 2,350
# Hangul syllables of KS X 1001, read from Python's codecs. Without `locl`, whose regional
# alternates would double the file; glyph shapes follow simplified-Chinese conventions.
python3 - "$WORK/cjk.txt" <<'PY'
import sys
def enc(c, codec):
    try:
        return c.encode(codec)
    except UnicodeEncodeError:
        return None
han = [chr(c) for c in range(0x4E00, 0xA000)]
keep = set()
keep |= {c for c in han if (b := enc(c, "gb2312")) and len(b) == 2}
keep |= {c for c in han if (b := enc(c, "big5")) and len(b) == 2 and b"\xa4\x40" <= b <= b"\xc6\x7e"}
keep |= {c for c in han if (b := enc(c, "euc_jp")) and len(b) == 2 and 0xB0 <= b[0] <= 0xCF}
keep |= {chr(c) for c in range(0xAC00, 0xD7A4) if (b := enc(chr(c), "euc_kr")) and len(b) == 2}
open(sys.argv[1], "w", encoding="utf-8").write("".join(sorted(keep)))
PY
subset "$CJK" "$OUT_LAZY/NotoSansCJKsc-Regular.otf" "$CJK_EXTRA" "ccmp,kern,palt,halt,vert" \
  --font-number=2 --text-file="$WORK/cjk.txt"

(cd "$WORK" && npm pack -q @expo-google-fonts/noto-emoji@0.4.7 >/dev/null && tar xzf expo-google-fonts-noto-emoji-0.4.7.tgz)
cp "$WORK/package/400Regular/NotoEmoji_400Regular.ttf" "$OUT_LAZY/NotoEmoji-Regular.ttf"

for f in "$OUT_EMBED"/*.[ot]tf "$OUT_LAZY"/*.[ot]tf; do
  printf '%-40s %9d bytes  %9d brotli\n' "${f#$ROOT/}" "$(stat -c %s "$f")" "$(brotli -c -q 11 "$f" | wc -c)"
done
