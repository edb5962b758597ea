#!/usr/bin/env python3
"""Trunk post-build hook: allow exactly the inline boot script Trunk wrote, by hash.

index.html carries a Content-Security-Policy whose script-src holds the placeholder
'sha256-TRUNK-BOOT'. Trunk's inline module script (which loads the app's wasm) changes with
every build's file hashes, so its hash is computed here, after Trunk wrote the page. Fails
the build if the placeholder or the script is missing, rather than ship a page whose policy
blocks its own boot script.
"""
import base64
import hashlib
import os
import re
import sys

path = os.path.join(os.environ["TRUNK_STAGING_DIR"], "index.html")
html = open(path, encoding="utf-8").read()
scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
if not scripts or "'sha256-TRUNK-BOOT'" not in html:
    sys.exit("csp.py: no inline boot script or no 'sha256-TRUNK-BOOT' placeholder in index.html")
hashes = " ".join(
    "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() for s in scripts
)
open(path, "w", encoding="utf-8").write(html.replace("'sha256-TRUNK-BOOT'", hashes))
