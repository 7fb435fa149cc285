#!/usr/bin/env python3
"""Expands a pocketsphinx `sendump` (8-bit quantised mixture weights) into the Sphinx-III `mixture_weights`
file that sphinxtrain's `bw` reads. Debian's en-us model ships only the sendump; sphinxtrain's own
converter (cmusphinx/sendump.py) is Python 2 and needs numpy, so this is the same arithmetic in plain
Python 3: each byte b is a weight of 1.0001 ** -(b << mixw_shift).

Usage: sendump_to_mixw.py SENDUMP MIXTURE_WEIGHTS
"""
import struct
import sys
from array import array


def read_string(handle, integer_format):
    size = struct.unpack(integer_format, handle.read(4))[0]
    return None if size == 0 else handle.read(size)[:-1]


def main(source, target):
    with open(source, 'rb') as handle:
        first = handle.read(4)
        integer_format = '<I' if struct.unpack('<I', first)[0] <= 65536 else '>I'
        handle.read(struct.unpack(integer_format, first)[0])  # title
        header = {}
        while True:
            line = read_string(handle, integer_format)
            if line is None:
                break
            parts = line.split()
            if len(parts) == 2 and parts[1].isdigit():
                header[parts[0].decode()] = int(parts[1])
        codewords = header.get('model_count', 0)
        senones = header.get('mixture_count', 0)
        features = header['feature_count']
        shift = header.get('mixw_shift', 10)
        if header.get('cluster_count', 0) == 0:
            codewords = struct.unpack(integer_format, handle.read(4))[0]
            senones = struct.unpack(integer_format, handle.read(4))[0]
        table = [1.0001 ** -(value << shift) for value in range(256)]
        # sendump is stored feature-major, codeword-major; mixture_weights is senone, feature, codeword.
        weights = array('f', bytes(4 * senones * features * codewords))
        for feature in range(features):
            for codeword in range(codewords):
                row = handle.read(senones)
                for senone, value in enumerate(row):
                    weights[(senone * features + feature) * codewords + codeword] = table[value]
    with open(target, 'wb') as out:
        header_text = b's3\nversion 1.0\n'
        remainder = (len(header_text) + len(b'endhdr\n')) & 3
        out.write(header_text + (b' ' * (4 - remainder) if remainder else b'') + b'endhdr\n')
        out.write(struct.pack('=i', 0x11223344))
        out.write(struct.pack('=IIII', senones, features, codewords, senones * features * codewords))
        weights.tofile(out)
    print(f'{senones} senones x {features} features x {codewords} codewords')


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
