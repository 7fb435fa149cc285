#!/usr/bin/env python3
"""Composes two single-class MLLR mean transforms (sphinxtrain's text format) into one:
out(x) = A2 (A1 x + b1) + b2 for each feature stream, variance scales multiplied.

make-phone-mllr.sh learns its transform in two passes: the second is learnt on the model the first one
adapted (so the Baum-Welch alignment it rests on is already the adapted model's), relative to those
adapted means. pocketsphinx applies one transform to Debian's own means, so the two are composed here.

Usage: compose_mllr.py FIRST SECOND OUTPUT
"""
import sys


def read(path):
    with open(path) as handle:
        tokens = handle.read().split()
    position = 0

    def take():
        nonlocal position
        position += 1
        return tokens[position - 1]

    if int(take()) != 1:
        sys.exit(f'{path}: only single-class transforms (pocketsphinx applies class 0 only)')
    streams = []
    for _ in range(int(take())):
        size = int(take())
        matrix = [[float(take()) for _ in range(size)] for _ in range(size)]
        shift = [float(take()) for _ in range(size)]
        scale = [float(take()) for _ in range(size)]
        streams.append((matrix, shift, scale))
    return streams


def row(values):
    return ' '.join(f'{value:.6f}' for value in values) + ' '


def main(first_path, second_path, output_path):
    first, second = read(first_path), read(second_path)
    lines = ['1', str(len(first))]
    for (a1, b1, h1), (a2, b2, h2) in zip(first, second):
        size = len(a1)
        lines.append(str(size))
        for r in range(size):
            lines.append(row(sum(a2[r][k] * a1[k][c] for k in range(size)) for c in range(size)))
        lines.append(row(sum(a2[r][k] * b1[k] for k in range(size)) + b2[r] for r in range(size)))
        lines.append(row(h1[r] * h2[r] for r in range(size)))
    with open(output_path, 'w') as handle:
        handle.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main(*sys.argv[1:4])
