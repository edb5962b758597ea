#!/usr/bin/env python3
"""Trunk post-build hook: drop the `name` custom section from the worker's wasm.

The worker is built without wasm-opt (it takes minutes on Typst and gains nothing), so
wasm-bindgen's output keeps the function-name section: 3.3 MB raw, ~0.6 MB brotli of a
download every user pays for, used only to print function names in stack traces. Every other
section is copied byte for byte. Runs after wasm-bindgen, so its own metadata is long gone
and nothing else reads the names.

    python3 scripts/strip_names.py FILE.wasm
"""
import sys


def leb(data, i):
    value = shift = 0
    while True:
        b = data[i]
        i += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return value, i


def main():
    path = sys.argv[1]
    data = open(path, "rb").read()
    if data[:4] != b"\0asm":
        sys.exit(f"strip_names.py: {path} is not a wasm module")
    out = bytearray(data[:8])
    i = 8
    dropped = 0
    while i < len(data):
        start = i
        section_id = data[i]
        size, body = leb(data, i + 1)
        end = body + size
        name = None
        if section_id == 0:
            n, j = leb(data, body)
            name = data[j : j + n]
        if name == b"name":
            dropped += end - start
        else:
            out += data[start:end]
        i = end
    open(path, "wb").write(out)
    print(f"strip_names.py: {path}: removed {dropped} bytes of function names")


if __name__ == "__main__":
    main()
