/**
 * The exported script's reader of Omniglot zips (src/core/data/zip.ts, omniglotLayout.ts,
 * omniglot.ts): the same files kept, the same layouts recognised, the same order of characters.
 */
export const PYTHON_OMNIGLOT_ARCHIVE = String.raw`
# ---------------------------------------------------------------------------------------------
# Omniglot zips as the user downloads them (src/core/data/zip.ts, omniglotLayout.ts, omniglot.ts):
#   alphabets:     [root/]Alphabet/characterNN/*.png    (images_background*, images_evaluation)
#   one-shot runs: [root/]runNN/training/classNN.png, runNN/test/itemNN.png, class_labels.txt
# ---------------------------------------------------------------------------------------------

# Caps on what an archive may inflate to, checked against the sizes its directory declares.
MAX_ENTRY_BYTES = 16 * 2 ** 20
MAX_ARCHIVE_BYTES = 512 * 2 ** 20
# Pixels allowed per drawing and per archive (Omniglot's drawings are 105x105).
MAX_DRAWING_PIXELS = 1024 * 1024
MAX_ARCHIVE_PIXELS = 2 ** 28
EXPECTED_LAYOUT = ("folders of the form Alphabet/characterNN/*.png (images_background, "
                   "images_evaluation) or runNN/training/classNN.png with runNN/test/itemNN.png "
                   "(all_runs)")
RUN_IMAGE = re.compile(r"(?:(.*)/)?(run\d+)/(training|test)/(class|item)(\d+)\.png", re.I | re.A)
RUN_LABELS = re.compile(r"(?:(.*)/)?(run\d+)/class_labels\.txt", re.I | re.A)
CHARACTER_IMAGE = re.compile(r"(?:(.*)/)?([^/]+)/(character\d+)/([^/]+)\.png", re.I | re.A)


def compare_names(a, b):
    """The playground's order of names: digit runs compare as numbers (character2 before
    character10)."""
    pa, pb = re.findall(r"\d+|\D+", a, re.A), re.findall(r"\d+|\D+", b, re.A)
    for x, y in zip(pa, pb):
        if x == y:
            continue
        if x[0].isdigit() and y[0].isdigit() and float(x) != float(y):
            return -1 if float(x) < float(y) else 1
        return -1 if x < y else 1
    return len(pa) - len(pb)


name_order = functools.cmp_to_key(compare_names)


def _is_png(path):
    return path.lower().endswith(".png")


def _zip_files(path):
    """The PNGs and answer keys of a zip by path inside it, without folders and the metadata
    macOS adds (__MACOSX/, dot files)."""
    if not os.path.isfile(path):
        raise DataError("there is no such file")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise DataError(f"this file cannot be read as a zip archive ({error})") from None
    files, total = {}, 0
    with archive:
        for info in archive.infolist():
            name = info.filename
            if not info.flag_bits & 0x800:  # no UTF-8 flag: the playground reads it as Latin-1
                try:
                    name = name.encode("cp437").decode("latin-1")
                except UnicodeError:
                    pass
            hidden = name.startswith("__MACOSX/") or any(p.startswith(".") for p in name.split("/"))
            wanted = _is_png(name) or name.lower().endswith("class_labels.txt")
            if name.endswith("/") or hidden or not wanted:
                continue
            if info.file_size > MAX_ENTRY_BYTES:
                size, cap = info.file_size / 2 ** 20, MAX_ENTRY_BYTES // 2 ** 20
                raise DataError(f"{name} would inflate to {size:.0f} MiB, above the {cap} MiB "
                                "allowed for one file: this is not an Omniglot drawing")
            total += info.file_size
            if total > MAX_ARCHIVE_BYTES:
                cap = MAX_ARCHIVE_BYTES // 2 ** 20
                raise DataError(f"its files would inflate to more than the {cap} MiB allowed for "
                                f"one archive (reached at {name}); Omniglot's background set takes "
                                "about 10 MiB")
            try:
                files[name] = archive.read(info)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError,
                    zlib.error) as error:
                raise DataError(f"this file cannot be read as a zip archive ({error})") from None
    return files


class _SharedRoot:
    """The folders in front of the layout; every file must share them."""

    unset = object()

    def __init__(self):
        self.path = _SharedRoot.unset

    def check(self, prefix, file):
        if self.path is _SharedRoot.unset:
            self.path = prefix
        elif self.path != prefix:
            raise DataError(f"{file} lies under a different top folder from the other images; an "
                            "archive holds one collection")


def _stray_file(path, expected):
    return DataError(f"{path} does not fit the archive's layout ({expected}); remove it or "
                     "re-create the zip")


def _detect_layout(paths):
    """('alphabets', [(alphabet, character, png paths)]) or ('runs', [(run, training paths, test
    paths, answer key path or None)]), in the playground's order."""
    pngs = [p for p in paths if _is_png(p)]
    if not pngs:
        raise DataError(f"this zip holds no PNG images; an Omniglot archive holds "
                        f"{EXPECTED_LAYOUT}. Is it an Omniglot archive?")
    if any(RUN_IMAGE.fullmatch(p) for p in pngs):
        return _runs_layout(pngs, paths)
    if any(CHARACTER_IMAGE.fullmatch(p) for p in pngs):
        return _alphabets_layout(pngs)
    raise DataError(f"this zip holds PNG images (e.g. {pngs[0]}) but no {EXPECTED_LAYOUT}. Is it "
                    "an Omniglot archive?")


def _alphabets_layout(pngs):
    groups, root = {}, _SharedRoot()
    for path in pngs:
        match = CHARACTER_IMAGE.fullmatch(path)
        if not match:
            raise _stray_file(path, "Alphabet/characterNN/*.png")
        root.check(match[1], path)
        groups.setdefault((match[2], match[3]), []).append(path)
    characters = [(a, c, sorted(files, key=name_order)) for (a, c), files in groups.items()]
    characters.sort(key=lambda g: (name_order(g[0]), name_order(g[1])))
    return "alphabets", characters


def _runs_layout(pngs, paths):
    runs, root = {}, _SharedRoot()
    for path in pngs:
        match = RUN_IMAGE.fullmatch(path)
        folder, stem = (match[3].lower(), match[4].lower()) if match else (None, None)
        if not match or (folder == "training") != (stem == "class"):
            raise _stray_file(path, "runNN/training/classNN.png or runNN/test/itemNN.png")
        root.check(match[1], path)
        images = runs.setdefault(match[2], ({}, {}))[0 if folder == "training" else 1]
        number = int(match[5])
        if number in images:
            raise DataError(f"{match[2]} holds two images numbered {number} in {folder}")
        images[number] = path
    labels = {}
    for path in paths:
        match = RUN_LABELS.fullmatch(path)
        if match and match[1] == root.path:
            labels[match[2]] = path
    return "runs", [
        (name, _numbered(training, name, "training", "class"),
         _numbered(test, name, "test", "item"), labels.get(name))
        for name, (training, test) in sorted(runs.items(), key=lambda run: name_order(run[0]))]


def _numbered(images, run, folder, stem):
    """The paths numbered 1..n, none missing, in number order."""
    paths = []
    for number in range(1, max(len(images), *images.keys()) + 1):
        if number not in images:
            raise DataError(f"{run}/{folder} has no {stem}{number:02d}.png, so its images are not "
                            "numbered 1 to n")
        paths.append(images[number])
    return paths


class OmniglotArchive:
    """One zip: kind 'alphabets' (characters: (alphabet, character, [grey drawings])) or 'runs'
    (runs: (name, [training drawings], [test drawings], answers)). Drawings keep their decoded
    grey levels at full size, as bool where they are pure black and white (Omniglot's are)."""

    def __init__(self, path):
        self.file_name = os.path.basename(path)
        self.files = _zip_files(path)
        self.pixels_read = 0
        self.kind, layout = _detect_layout(list(self.files))
        if self.kind == "alphabets":
            self.characters = [(alphabet, character, [self._read(p) for p in pngs])
                               for alphabet, character, pngs in layout]
        else:
            self.runs = [self._run(*run) for run in layout]
        del self.files

    def _read(self, png):
        try:
            width, height, grey = decode_png(self.files[png], MAX_DRAWING_PIXELS)
        except DataError as error:
            raise DataError(f"{png} in the zip is not a readable PNG: {error}") from None
        self.pixels_read += width * height
        if self.pixels_read > MAX_ARCHIVE_PIXELS:
            raise DataError(f"its drawings hold more than the {MAX_ARCHIVE_PIXELS:,} pixels "
                            f"allowed for one archive (reached at {png}); Omniglot's drawings are "
                            "105x105")
        binary = bool(((grey == 0) | (grey == 1)).all())
        return grey.to(torch.bool) if binary else grey

    def _run(self, name, training, test, labels):
        if len(training) < 2 or not test:
            raise DataError(f"{name} needs at least two training/classNN.png and one "
                            f"test/itemNN.png; it has {len(training)} and {len(test)}")
        if labels is None:
            raise DataError(f"{name} has no class_labels.txt, the answer key of its test items")
        text = self.files[labels].decode("utf-8", errors="replace")
        answers = _parse_answers(text, name, len(training), len(test))
        return name, [self._read(p) for p in training], [self._read(p) for p in test], answers


def _parse_answers(text, run, classes, items):
    """class_labels.txt: "runNN/test/itemMM.png runNN/training/classKK.png" per line;
    answers[MM - 1] = KK - 1."""
    answers = [-1] * items
    for line in re.split(r"\r?\n", text):
        if line.strip() == "":
            continue
        match = re.search(r"item(\d+)\.png\s+\S*class(\d+)\.png\s*$", line, re.I | re.A)
        item, cls = (int(match[1]), int(match[2])) if match else (0, 0)
        if not match or not 1 <= item <= items or not 1 <= cls <= classes:
            raise DataError(f'{run}/class_labels.txt has a line "{line.strip()}" that does not '
                            f"name one of its {items} test items and one of its {classes} "
                            "training classes")
        if answers[item - 1] != -1:
            raise DataError(f"{run}/class_labels.txt answers test item {item} twice")
        answers[item - 1] = cls - 1
    if -1 in answers:
        raise DataError(f"{run}/class_labels.txt gives no answer for test item "
                        f"{answers.index(-1) + 1}")
    return answers


class OmniglotLibrary:
    """The zips read, in the order given (a later file of the same name replaces an earlier one,
    as on the page): alphabet archives, and the one-shot runs where all_runs.zip is among them."""

    def __init__(self, archives):
        self.archives = archives


def _is_evaluation(file_name):
    """An archive named like images_evaluation*.zip is held out whole."""
    return re.search("evaluation", file_name, re.I) is not None


def one_thread(function):
    """Runs function on one CPU thread: reading is thousands of tiny tensor operations, which a
    pool of threads only slows down (measured: several times over on a busy machine)."""
    @functools.wraps(function)
    def run(*args, **kwargs):
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return function(*args, **kwargs)
        finally:
            torch.set_num_threads(threads)
    return run


@one_thread
def read_omniglot(zip_paths):
    """Reads and checks Omniglot zips, every drawing decoded. Raises DataError (a ValueError)
    naming the file and what is wrong: missing, not a zip, not Omniglot's layout, a damaged PNG."""
    archives = []
    for path in [zip_paths] if isinstance(zip_paths, str) else zip_paths:
        try:
            archive = OmniglotArchive(path)
        except DataError as error:
            raise DataError(f"{path}: {error}") from None
        archives = [a for a in archives if a.file_name != archive.file_name] + [archive]
    return OmniglotLibrary(archives)
`;
