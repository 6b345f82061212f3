"""Damaged copies of PST files, each a pure function of (original bytes, seed).

The damage is what disks, copies and interrupted writes do to files: flipped bits, zeroed or
misplaced 512-byte pages, a torn header, a cut-off end, garbage written over a stretch, an
empty file. Half of the page damage is aimed at B-tree pages (found by their trailers), and half
of it then gets its checksum recomputed, so that libpff trusts the damage and walks into it
instead of stopping at the first CRC mismatch.
"""

import struct
import zlib

PAGE = 512
# MS-PST 2.2.2.7: a page's PAGETRAILER is its last 16 bytes (Unicode) or 12 (ANSI); ptype,
# then ptypeRepeat, then wSig, then dwCRC and bid (Unicode) or bid and dwCRC (ANSI).
BTREE_PAGE_TYPES = (0x80, 0x81)  # ptypeBBT, ptypeNBT
ANY_PAGE_TYPES = range(0x80, 0x87)


class SplitMix64:
    """Our own generator, so that a seed gives the same damage on every Python version."""

    MASK = (1 << 64) - 1

    def __init__(self, seed):
        self.state = seed & self.MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return z ^ (z >> 31)

    def below(self, n):
        """Uniform in 0..<n (rejection keeps it unbiased)."""
        if n <= 0:
            raise ValueError("below(0)")
        limit = (1 << 64) - ((1 << 64) % n)
        while True:
            value = self.next()
            if value < limit:
                return value % n

    def between(self, low, high):
        """Uniform in low...high, both included."""
        return low + self.below(high - low + 1)

    def chance(self, numerator, denominator):
        return self.below(denominator) < numerator

    def pick(self, items):
        return items[self.below(len(items))]

    def bytes(self, count):
        return bytes(self.next() & 0xFF for _ in range(count))

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]


def derived_seed(seed, index):
    """File `index`'s own seed: the same file whatever FUZZ_FILES is."""
    return SplitMix64(seed * 0x100000001B3 + index).next()


def ms_pst_crc(data):
    """MS-PST 5.3: CRC-32 with the reflected polynomial, starting at 0, no final inversion."""
    return (~zlib.crc32(data, 0xFFFFFFFF)) & 0xFFFFFFFF


def is_unicode(data):
    # HEADER wVer (offset 10): 14 or 15 ANSI, 23 and up Unicode.
    return len(data) >= 12 and struct.unpack_from("<H", data, 10)[0] >= 23


def trailer_offset(unicode):
    return PAGE - 16 if unicode else PAGE - 12


def pages_of_type(data, types):
    """Offsets of the 512-byte pages whose trailer says one of `types`."""
    trailer = trailer_offset(is_unicode(data))
    found = []
    for offset in range(0, len(data) - PAGE + 1, PAGE):
        kind = data[offset + trailer]
        if kind == data[offset + trailer + 1] and kind in types:
            found.append(offset)
    return found


def fix_page_crc(data, offset):
    """Makes the page's dwCRC match its (damaged) contents again."""
    unicode = is_unicode(data)
    trailer = offset + trailer_offset(unicode)
    covered = data[offset:trailer]
    crc_at = trailer + 4 if unicode else trailer + 8
    struct.pack_into("<I", data, crc_at, ms_pst_crc(bytes(covered)))


def fix_header_crcs(data):
    """HEADER dwCRCPartial (471 bytes from offset 8) and, Unicode, dwCRCFull (516 bytes)."""
    if len(data) >= 8 + 471:
        struct.pack_into("<I", data, 4, ms_pst_crc(bytes(data[8:8 + 471])))
    if is_unicode(data) and len(data) >= 0x20C + 4:
        struct.pack_into("<I", data, 0x20C, ms_pst_crc(bytes(data[8:8 + 516])))


def choose_pages(data, rng, count):
    """`count` page offsets: B-tree pages half the time (when there are any), else any page."""
    targeted = pages_of_type(data, BTREE_PAGE_TYPES) if rng.chance(1, 2) else []
    pool = targeted or list(range(PAGE, max(PAGE, len(data) - PAGE + 1), PAGE)) or [0]
    return [rng.pick(pool) for _ in range(count)], bool(targeted)


def flip_bits(data, rng):
    count = rng.between(1, 32)
    pages, targeted = choose_pages(data, rng, rng.between(1, 4))
    fixed = targeted and rng.chance(1, 2)
    offsets = []
    for _ in range(count):
        if targeted:
            page = rng.pick(pages)
            offset = page + rng.below(trailer_offset(is_unicode(data)))
        else:
            offset = rng.below(len(data))
        data[offset] ^= 1 << rng.below(8)
        offsets.append(offset)
    if fixed:
        for page in set(pages):
            fix_page_crc(data, page)
    return data, {"bits": count, "offsets": sorted(offsets), "btree_pages": targeted, "crc_fixed": fixed}


def zero_pages(data, rng):
    pages, targeted = choose_pages(data, rng, rng.between(1, 8))
    for page in pages:
        data[page:page + PAGE] = bytes(min(PAGE, len(data) - page))
    return data, {"pages": sorted(set(pages)), "btree_pages": targeted}


def tear_header(data, rng):
    # Most tears keep the !BDN magic, so that the damage reaches what follows it.
    start = rng.below(PAGE) if rng.chance(1, 4) else rng.between(8, PAGE - 1)
    length = rng.between(1, PAGE - start)
    filler = bytes(length) if rng.chance(1, 3) else rng.bytes(length)
    end = min(start + length, len(data))
    data[start:end] = filler[:end - start]
    fixed = rng.chance(1, 2)
    if fixed:
        fix_header_crcs(data)
    return data, {"start": start, "length": end - start, "crc_fixed": fixed}


def truncate(data, rng):
    cut = rng.between(1, len(data) - 1)
    if rng.chance(1, 3):
        cut = max(PAGE, cut - cut % PAGE)
    return data[:cut], {"length": cut, "was": len(data)}


def duplicate_pages(data, rng):
    """A page's contents copied over another's. Between B-tree pages of one kind, the target
    keeps its own wSig and bid, so the copy passes libpff's page checks and the tree now points
    where it should not (a subtree twice, or a cycle)."""
    unicode = is_unicode(data)
    trailer = trailer_offset(unicode)
    btree = pages_of_type(data, BTREE_PAGE_TYPES)
    copies = []
    for _ in range(rng.between(1, 4)):
        if btree and rng.chance(1, 2):
            source, target = rng.pick(btree), rng.pick(btree)
            # The data, ptype and ptypeRepeat travel; the target's wSig and bid stay.
            data[target:target + trailer + 2] = data[source:source + trailer + 2]
            fix_page_crc(data, target)
            copies.append({"from": source, "to": target, "btree": True})
        else:
            pages = max(1, len(data) // PAGE)
            source, target = rng.below(pages) * PAGE, rng.below(pages) * PAGE
            data[target:target + PAGE] = data[source:source + PAGE][:len(data[target:target + PAGE])]
            copies.append({"from": source, "to": target, "btree": False})
    return data, {"copies": copies}


def shuffle_pages(data, rng):
    pages = max(1, len(data) // PAGE)
    run = min(pages, rng.between(2, 16))
    # A run of empty pages shuffles into itself: the run starts at a page with something in it.
    used = [i for i in range(pages - run + 1) if any(data[i * PAGE:(i + 1) * PAGE])] or [0]
    first = rng.pick(used)
    order = list(range(run))
    rng.shuffle(order)
    chunks = [bytes(data[(first + i) * PAGE:(first + i + 1) * PAGE]) for i in range(run)]
    data[first * PAGE:(first + run) * PAGE] = b"".join(chunks[i] for i in order)
    return data, {"first_page": first * PAGE, "pages": run, "order": order}


def garbage(data, rng):
    blocks = []
    for _ in range(rng.between(1, 3)):
        length = rng.between(16, 8192)
        start = rng.below(len(data))
        chunk = rng.bytes(min(length, len(data) - start))
        data[start:start + len(chunk)] = chunk
        blocks.append({"start": start, "length": len(chunk)})
    return data, {"blocks": blocks}


def empty(data, rng):
    return bytearray(), {}


def mixed(data, rng):
    """Two or three of the others, one after another, as a file damaged more than once."""
    steps = []
    for _ in range(rng.between(2, 3)):
        kind = rng.pick(["bit-flips", "zeroed-pages", "torn-header", "duplicated-pages", "shuffled-pages", "garbage"])
        data, details = MUTATIONS[kind](data, rng)
        steps.append({"kind": kind, **details})
    return data, {"steps": steps}


MUTATIONS = {
    "bit-flips": flip_bits,
    "zeroed-pages": zero_pages,
    "torn-header": tear_header,
    "truncated": truncate,
    "duplicated-pages": duplicate_pages,
    "shuffled-pages": shuffle_pages,
    "garbage": garbage,
    "mixed": mixed,
}


def mutate(original, kind, seed):
    """The damaged copy and what was done to it (enough to explain the file by hand).
    Much of a PST is unused zeroed space, where damage changes nothing: such a draw is
    replaced by the next one from the same generator. Never the original's bytes: a copy with
    them is rightly taken for the original."""
    rng = SplitMix64(seed)
    if kind == "empty":
        return empty(bytearray(original), rng)
    if len(original) < 2 * PAGE:
        return truncate(bytearray(original), rng) if len(original) > 1 else (bytearray(original), {})
    for attempt in range(32):
        # Past 16 draws that changed nothing, bits are flipped instead.
        mutation = MUTATIONS[kind] if attempt < 16 else flip_bits
        data, details = mutation(bytearray(original), rng)
        if data != original:
            return data, details if attempt < 16 else dict(details, instead_of=kind)
    raise RuntimeError(f"{kind} left the file unchanged 32 times")


def plan(seed, count, originals):
    """(index, kind, original, seed) for each file to make: the first is the empty file, the
    rest take the kinds in turn (in an order the seed shuffles) and an original at random."""
    rng = SplitMix64(seed)
    kinds = list(MUTATIONS)
    rng.shuffle(kinds)
    made = []
    for index in range(count):
        file_seed = derived_seed(seed, index)
        kind = "empty" if index == 0 else kinds[(index - 1) % len(kinds)]
        original = originals[SplitMix64(file_seed ^ 0x5EED).below(len(originals))]
        made.append((index, kind, original, file_seed))
    return made
