"""Second, independent implementation of BERT's uncased tokenizer for differential testing.

Written for these tests from the algorithm's description (clean, CJK padding, whitespace
split, lower + NFD + drop Mn, punctuation split, greedy WordPiece), on Python's own Unicode
database instead of ICU. Usage:
    bert_reference.py VOCAB SEED COUNT OUT_TEXTS OUT_IDS
generates COUNT random texts mixing scripts, marks, controls, spaces and punctuation
(deterministic for SEED), writes them as JSON strings one per line to OUT_TEXTS, and the
reference ids one line per text to OUT_IDS. Only code points assigned in Python's Unicode
version are used, so both sides agree on what exists.
"""
import json
import random
import sys
import unicodedata

CJK_RANGES = [(0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F),
              (0x2B740, 0x2B81F), (0x2B820, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)]


def is_cjk(cp):
    return any(lo <= cp <= hi for lo, hi in CJK_RANGES)


def is_whitespace(ch):
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def is_control(ch):
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch).startswith("C")


def is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def basic_words(text):
    cleaned = []
    for ch in text:
        if ord(ch) == 0 or ord(ch) == 0xFFFD or is_control(ch):
            continue
        cleaned.append(" " if is_whitespace(ch) else ch)
    padded = []
    for ch in cleaned:
        padded.append(" %s " % ch if is_cjk(ord(ch)) else ch)
    words = []
    for token in "".join(padded).split():
        token = token.lower()
        token = "".join(c for c in unicodedata.normalize("NFD", token)
                        if unicodedata.category(c) != "Mn")
        current = ""
        for ch in token:
            if is_punctuation(ch):
                if current:
                    words.append(current)
                    current = ""
                words.append(ch)
            else:
                current += ch
        if current:
            words.append(current)
    return [w for piece in words for w in piece.split()]


def wordpiece(word, vocab):
    if len(word) > 100:
        return [vocab["[UNK]"]]
    ids, start = [], 0
    while start < len(word):
        end, found = len(word), None
        while start < end:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                found = vocab[piece]
                break
            end -= 1
        if found is None:
            return [vocab["[UNK]"]]
        ids.append(found)
        start = end
    return ids


def random_text(rng, vocab_words):
    pools = [
        lambda: rng.choice(vocab_words),
        lambda: rng.choice(vocab_words).capitalize(),
        lambda: rng.choice(vocab_words).upper(),
        lambda: chr(rng.choice([0xC0, 0xC9, 0xD1, 0xDC, 0xE7, 0xF1, 0x130, 0x131, 0xDF, 0x1E9E])),
        lambda: chr(rng.randint(0x391, 0x3A9)) + chr(0x3A3),  # Greek capitals, final sigma
        lambda: chr(rng.randint(0x410, 0x44F)),  # Cyrillic
        lambda: chr(rng.randint(0x4E00, 0x4E80)),  # CJK
        lambda: chr(rng.randint(0xF900, 0xF920)),  # CJK compatibility
        lambda: chr(rng.randint(0x300, 0x36F)),  # combining marks
        lambda: chr(rng.randint(0x1F600, 0x1F64F)),  # emoji
        lambda: rng.choice(["\u00a0", "\u2003", "\u2028", "\u200b", "\ufeff", "\x00", "\x07",
                            "\t", "\n", "\ufffd", "\u00ad"]),
        lambda: rng.choice("!?,.;:'\"()[]{}-_/\\@#$%^&*+=<>|~`\u00bf\u00a1\u2014\u2026\u00ab"),
        lambda: chr(rng.randint(0x600, 0x6FF)),  # Arabic
        lambda: chr(rng.randint(0x900, 0x97F)),  # Devanagari
        lambda: chr(rng.randint(0xAC00, 0xAC40)),  # Hangul syllables (decompose)
        lambda: chr(rng.randint(0xFF01, 0xFF5E)),  # fullwidth forms
        lambda: " ",
    ]
    parts = []
    for _ in range(rng.randint(1, 12)):
        part = rng.choice(pools)()
        if unicodedata.category(part[0]) == "Cn":
            continue
        parts.append(part)
        if rng.random() < 0.5:
            parts.append(" ")
    return "".join(parts)


def main():
    vocab_path, seed, count, out_texts, out_ids = sys.argv[1:6]
    tokens = [line.rstrip("\n").strip() for line in open(vocab_path, encoding="utf-8")]
    vocab = {token: index for index, token in enumerate(tokens)}
    vocab_words = [t for t in tokens if t.isalpha() and t.isascii() and len(t) > 1][:5000]
    rng = random.Random(int(seed))
    with open(out_texts, "w", encoding="utf-8") as texts, open(out_ids, "w") as ids:
        for _ in range(int(count)):
            text = random_text(rng, vocab_words)
            texts.write(json.dumps(text) + "\n")
            result = [i for w in basic_words(text) for i in wordpiece(w, vocab)]
            ids.write(" ".join(str(i) for i in result) + "\n")
    print(unicodedata.unidata_version)


main()
