#!/usr/bin/env python3
"""Trunk post-build hook: stamp one build id into the files that must agree on it.

The id is a hash of every built file except the ones stamped here, so it changes exactly
when the app or the engine changes. It goes into:

- index.html (`<meta name="fitted-build">`): the UI starts the engine as
  `worker-boot.js?v=<id>`;
- worker-boot.js (`BUILD`): a boot script from another build than the page that asked for
  it (an old tab after a deploy) refuses to start and tells the user to reload, so an old UI
  never runs with a new engine;
- sw.js (`BUILD`): a new id makes a new service worker, which waits until the user accepts
  "Update available — reload" instead of mixing versions in open tabs.

Fails the build if a placeholder is missing.
"""
import hashlib
import os
import sys

staging = os.environ["TRUNK_STAGING_DIR"]
STAMPED = {
    "index.html": ('content="dev-build"', 'content="{}"'),
    "sw.js": ("'dev-build'", "'{}'"),
    "worker-boot.js": ("'dev-build'", "'{}'"),
}

digest = hashlib.sha256()
for root, _dirs, files in sorted(os.walk(staging)):
    for name in sorted(files):
        rel = os.path.relpath(os.path.join(root, name), staging)
        if rel in STAMPED or rel == "404.html":
            continue
        digest.update(rel.encode())
        with open(os.path.join(root, name), "rb") as f:
            digest.update(f.read())
build = digest.hexdigest()[:16]

for name, (placeholder, stamp) in STAMPED.items():
    path = os.path.join(staging, name)
    text = open(path, encoding="utf-8").read()
    if placeholder not in text:
        sys.exit(f"build_id.py: no {placeholder} placeholder in {name}")
    open(path, "w", encoding="utf-8").write(text.replace(placeholder, stamp.format(build), 1))
print(f"build_id.py: build {build}")
