#!/bin/sh
# Trunk post-build hook: puts the sentence encoder (made by scripts/data/sentence_model.sh)
# in dist/models/, where the app downloads it the first time a far job needs it. Without it
# the build still works: such runs rank by shared words and say so.
m="${CARGO_TARGET_DIR:-target}/sentence-model.safetensors"
if [ -f "$m" ]; then
  mkdir -p "$TRUNK_STAGING_DIR/models" && cp "$m" "$TRUNK_STAGING_DIR/models/sentence-model.safetensors" && chmod 644 "$TRUNK_STAGING_DIR/models/sentence-model.safetensors"
else
  echo "warning: no $m (run bash scripts/data/sentence_model.sh): far jobs will rank by shared words only" >&2
fi
