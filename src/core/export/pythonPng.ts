/**
 * The exported script's PNG decoder, standard library only (zlib): what src/core/data/png.ts and
 * pngPixels.ts accept, decoded to the same grey levels. What they refuse it refuses in the same
 * words, except where fast-png words the reason; ancillary chunks are skipped unread.
 */
export const PYTHON_PNG = String.raw`
# ---------------------------------------------------------------------------------------------
# PNG images as grey levels, with the standard library's zlib: what the playground's reader
# accepts (src/core/data/png.ts, pngPixels.ts), with its luminance, laid on white.
# ---------------------------------------------------------------------------------------------


class DataError(ValueError):
    """A file the user chose cannot be read: the message is written for them."""


PNG_SIGNATURE = bytes([137, 80, 78, 71, 13, 10, 26, 10])
# Bit depths each colour type allows (PNG spec, table 11.1) and samples per pixel.
PNG_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
MAX_PNG_PIXELS = 2 ** 26
# Adam7: each pass's first column and row, and its steps across and down.
ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
         (0, 1, 1, 2))


def decode_png(data, max_pixels=MAX_PNG_PIXELS):
    """(width, height, grey): grey is a float32 tensor [height, width] of luminance, 0 black to
    1 white, transparent pixels laid on white. Raises DataError saying what is wrong."""
    width, height, depth, colour, interlace = _png_header(data, min(max_pixels, MAX_PNG_PIXELS))
    palette, key, compressed = _png_chunks(data, colour)
    channels = PNG_CHANNELS[colour]
    pixel_bytes = max(1, depth // 8) * channels
    if interlace == 0:
        stride = (width * depth * channels + 7) // 8
        raw_lines = _inflate(compressed, height * (stride + 1))
        rows = _unfilter_lines(raw_lines, 0, height, stride, pixel_bytes)
        raw = torch.frombuffer(rows, dtype=torch.uint8).reshape(height, stride)
    else:  # Adam7, at 8 or 16 bits a sample (lower depths are refused with the header)
        raw = _deinterlace(compressed, width, height, pixel_bytes)
    samples = _samples(raw, width, depth, channels)
    return width, height, _grey(samples, depth, colour, palette, key)


def _png_header(data, max_pixels):
    if data[:8] != PNG_SIGNATURE:
        raise DataError("this is not a PNG image: it does not start with the PNG signature")
    if len(data) >= 16 and (struct.unpack(">I", data[8:12])[0] != 13 or data[12:16] != b"IHDR"):
        raise DataError("the PNG does not begin with its IHDR header chunk: the file is damaged")
    if len(data) < 33:
        raise DataError("the PNG ends inside its header: the file is truncated")
    fields = struct.unpack(">IIBBBBB", data[16:29])
    width, height, depth, colour, compression, filtering, interlace = fields
    if width == 0 or height == 0:
        raise DataError(f"the PNG header gives an impossible size of {width}x{height}")
    if width * height > max_pixels:
        raise DataError(f"the PNG is {width}x{height}, more than the {max_pixels:,} pixels allowed "
                        "here")
    if colour not in PNG_DEPTHS:
        raise DataError(f"the PNG header gives an unknown colour type {colour}")
    if depth not in PNG_DEPTHS[colour]:
        raise DataError(f"the PNG header gives bit depth {depth}, invalid for colour type {colour}")
    if interlace == 1 and depth < 8:
        raise DataError(f"the PNG is interlaced (Adam7) at {depth} bits per sample, which this "
                        "reader does not support: save it without interlacing")
    for what, value in (("compression method", compression), ("filter method", filtering),
                        ("interlace method", interlace if interlace > 1 else 0)):
        if value != 0:
            raise DataError(f"the PNG is damaged or truncated (unsupported {what} {value})")
    return width, height, depth, colour, interlace


def _png_chunks(data, colour):
    """The palette, the tRNS key and the compressed image data, every chunk's CRC checked."""
    palette, key, compressed = None, None, []
    at = 8
    while True:
        if at + 8 > len(data):
            raise DataError("the PNG is damaged or truncated (it ends before its IEND chunk)")
        length, kind = struct.unpack(">I", data[at:at + 4])[0], data[at + 4:at + 8]
        name = kind.decode("latin-1")
        body, end = data[at + 8:at + 8 + length], at + 8 + length
        if end + 4 > len(data):
            raise DataError(f"the PNG is damaged or truncated (its {name} chunk is cut short)")
        if zlib.crc32(data[at + 4:end]) != struct.unpack(">I", data[end:end + 4])[0]:
            raise DataError(f"the PNG is damaged or truncated (CRC mismatch for chunk {name})")
        at += 12 + length
        if kind == b"IEND":
            break
        if kind == b"IDAT":
            compressed.append(body)
        elif kind == b"PLTE":
            if length % 3 != 0:
                raise DataError(f"the PNG is damaged or truncated (PLTE length {length} is not a "
                                "multiple of 3)")
            palette = [list(body[i:i + 3]) for i in range(0, length, 3)]
        elif kind == b"tRNS":
            if colour == 3:
                if palette is None or length > len(palette):
                    raise DataError("the PNG is damaged or truncated (tRNS holds more alpha values "
                                    "than there are palette colours)")
                palette = [entry + [body[i] if i < length else 255]
                           for i, entry in enumerate(palette)]
            elif colour in (0, 2):
                if length % 2 != 0:
                    raise DataError(f"the PNG is damaged or truncated (tRNS length {length} is "
                                    "odd)")
                key = list(struct.unpack(f">{length // 2}H", body))
            else:
                raise DataError(f"the PNG is damaged or truncated (tRNS chunk is not supported for "
                                f"color type {colour})")
    if not compressed:
        raise DataError("the PNG is damaged or truncated (it holds no image data)")
    return palette, key, b"".join(compressed)


def _inflate(compressed, size):
    """The zlib stream's first size bytes; less means the image data is cut short."""
    try:
        inflater = zlib.decompressobj()
        raw = inflater.decompress(compressed, size)
    except zlib.error as error:
        raise DataError(f"the PNG is damaged or truncated (invalid zlib data: {error})") from None
    if len(raw) < size:
        raise DataError("the PNG is damaged or truncated (its image data is cut short)")
    return raw


def _unfilter_lines(raw, at, lines, stride, pixel_bytes):
    """Undoes each scanline's filter (PNG spec, section 9); a missing line above reads as zeros."""
    out = bytearray()
    above = bytes(stride)
    for _ in range(lines):
        kind = raw[at]
        line = bytearray(raw[at + 1:at + 1 + stride])
        at += stride + 1
        if kind == 1:
            for i in range(pixel_bytes, stride):
                line[i] = (line[i] + line[i - pixel_bytes]) & 255
        elif kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, above))
        elif kind == 3:
            for i in range(stride):
                left = line[i - pixel_bytes] if i >= pixel_bytes else 0
                line[i] = (line[i] + ((left + above[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                a = line[i - pixel_bytes] if i >= pixel_bytes else 0
                b, c = above[i], above[i - pixel_bytes] if i >= pixel_bytes else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        elif kind != 0:
            raise DataError(f"the PNG is damaged or truncated (unsupported filter: {kind})")
        out += line
        above = line
    return out


def _deinterlace(compressed, width, height, pixel_bytes):
    """Adam7's seven passes, each a small image filtered on its own, put back in place."""
    passes = []
    for x0, y0, x_step, y_step in ADAM7:
        columns, lines = -(-(width - x0) // x_step), -(-(height - y0) // y_step)
        if columns > 0 and lines > 0:
            passes.append((x0, y0, x_step, y_step, columns, lines))
    size = sum(lines * (columns * pixel_bytes + 1) for *_, columns, lines in passes)
    raw = _inflate(compressed, size)
    image = torch.zeros(height, width, pixel_bytes, dtype=torch.uint8)
    at = 0
    for x0, y0, x_step, y_step, columns, lines in passes:
        stride = columns * pixel_bytes
        part = _unfilter_lines(raw, at, lines, stride, pixel_bytes)
        at += lines * (stride + 1)
        pixels = torch.frombuffer(part, dtype=torch.uint8).reshape(lines, columns, pixel_bytes)
        image[y0::y_step, x0::x_step] = pixels
    return image.reshape(height, width * pixel_bytes)


def _samples(raw, width, depth, channels):
    """Each row's samples as integers [height, width * channels]: 16-bit ones are big-endian,
    1-, 2- and 4-bit ones packed from each byte's high bits."""
    count = width * channels
    if depth == 8:
        return raw[:, :count].to(torch.int64)
    if depth == 16:
        pairs = raw[:, :2 * count].to(torch.int64).reshape(raw.shape[0], count, 2)
        return pairs[:, :, 0] * 256 + pairs[:, :, 1]
    shifts = torch.arange(8 - depth, -1, -depth)
    bits = (raw.to(torch.int64).unsqueeze(2) >> shifts) & ((1 << depth) - 1)
    return bits.reshape(raw.shape[0], -1)[:, :count]


def _luma(r, g, b):
    """ITU-R BT.601 weights, summed in the playground's order (works on floats and tensors)."""
    return 0.299 * r + 0.587 * g + 0.114 * b


def _grey(samples, depth, colour, palette, key):
    """Luminance per pixel, computed in float64 in the playground's order, then rounded to
    float32."""
    top = 2 ** depth - 1
    height = samples.shape[0]
    if colour == 3 or (colour == 0 and depth <= 8):
        table = _palette_table(palette, depth) if colour == 3 else _grey_levels(depth, _key(key, 1))
        outside = samples >= len(table)
        if bool(outside.any()):
            y, x = (int(i) for i in outside.nonzero()[0])
            raise DataError(f"pixel ({x}, {y}) uses palette entry {int(samples[y, x])}, but the "
                            f"palette has only {len(table)} entries")
        return torch.tensor(table, dtype=torch.float32)[samples]
    s = samples.to(torch.float64)
    if colour == 0:
        clear = (samples == _key(key, 1)[0] if key is not None
                 else torch.zeros_like(samples, dtype=torch.bool))
        return torch.where(clear, torch.ones_like(s), s / top).to(torch.float32)
    if colour == 2:
        s = s.reshape(height, -1, 3)
        grey = _luma(s[:, :, 0], s[:, :, 1], s[:, :, 2]) / top
        if key is not None:
            clear = (samples.reshape(height, -1, 3) == torch.tensor(_key(key, 3))).all(dim=2)
            grey = torch.where(clear, torch.ones_like(grey), grey)
        return grey.to(torch.float32)
    per = 2 if colour == 4 else 4
    s = s.reshape(height, -1, per)
    lum = s[:, :, 0] if per == 2 else _luma(s[:, :, 0], s[:, :, 1], s[:, :, 2])
    alpha = s[:, :, per - 1] / top
    return ((alpha * lum) / top + 1 - alpha).to(torch.float32)


def _key(key, count):
    """The tRNS chunk's transparent grey level (count 1) or RGB colour (count 3)."""
    if key is not None and len(key) != count:
        raise DataError(f"the tRNS chunk holds {2 * len(key)} bytes where this colour type needs "
                        f"{2 * count}")
    return key


def _grey_levels(depth, key):
    top = 2 ** depth - 1
    levels = [v / top for v in range(top + 1)]
    if key is not None and key[0] <= top:
        levels[key[0]] = 1.0
    return levels


def _palette_table(palette, depth):
    if palette is None:
        raise DataError("the image uses a palette but has no PLTE chunk to define it")
    if len(palette) > 2 ** depth:
        raise DataError(f"the palette has {len(palette)} entries, more than a {depth}-bit index "
                        "can address")
    table = []
    for entry in palette:
        r, g, b = entry[:3]
        alpha = (entry[3] if len(entry) > 3 else 255) / 255
        table.append((alpha * _luma(r, g, b)) / 255 + 1 - alpha)
    return table
`;
