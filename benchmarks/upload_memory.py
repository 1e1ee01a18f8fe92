"""Peak memory of checking one image attachment (issue 12, item 9), measured in a child process.

Each measurement runs ``checks.inspect_upload`` once in a fresh Python process and reads that
process's peak resident set size (``resource.getrusage(RUSAGE_SELF).ru_maxrss``, and the kernel's
``VmHWM``, which agrees); the same child
without the call gives the baseline (Python, Django's translation machinery, Pillow, pikepdf), so
``peak - baseline`` is what the check itself cost. Inputs are made here:

- ``crafted_png_40mp``: the audit's decompression bomb, an 8000 x 5000 RGBA PNG of one colour (~155 KB);
- ``phone_jpeg_12mp``: a 4032 x 3024 JPEG (12.2 MP, a phone's default size) of a textured picture;
- ``phone_jpeg_12mp_rotated``: the same with EXIF orientation 6 (portrait), which is turned.

    python -m benchmarks.upload_memory --label after
    python -m benchmarks.upload_memory --label before --source /tmp/old-checkout   # another copy of the code

Results are merged into ``benchmarks/results/upload_memory.json`` under the label.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageFilter

RESULTS = Path(__file__).resolve().parent / "results" / "upload_memory.json"

CHILD = r"""
import os, resource, sys, time
import django
from django.conf import settings
settings.configure(USE_I18N=True, LANGUAGE_CODE="vi")
django.setup()
from danvan.files import checks
name, path = sys.argv[1], sys.argv[2]
data = open(path, "rb").read() if path != "-" else b""
outcome = "baseline"
started = time.perf_counter()
if data:
    try:
        clean = checks.inspect_upload(name, data, max_bytes=len(data) + 1)
        outcome = f"accepted ({clean.size} bytes)"
    except checks.UploadRejected as exc:
        outcome = f"refused: {exc.code}"
elapsed = time.perf_counter() - started
hwm = next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, hwm, outcome, f"{elapsed:.3f}")
"""


def crafted_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (8000, 5000), (20, 20, 20, 255)).save(out, "PNG", optimize=True)
    return out.getvalue()


def phone_jpeg(*, orientation: int = 1) -> bytes:
    # Noise blurred and scaled up: a picture with texture, of a phone photo's size and weight.
    small = Image.effect_noise((1008, 756), 64).convert("RGB").filter(ImageFilter.GaussianBlur(1))
    picture = small.resize((4032, 3024), Image.Resampling.BICUBIC)
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=88, exif=exif)
    return out.getvalue()


def measure(source: Path, name: str, path: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(source)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [sys.executable, "-c", CHILD, name, path]
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=source, check=True, timeout=600)  # noqa: S603
    rss_kb, hwm_kb, *outcome, seconds = done.stdout.split()
    return {"peak_rss_mb": round(int(rss_kb) / 1024, 1), "vm_hwm_mb": round(int(hwm_kb) / 1024, 1),
            "outcome": " ".join(outcome), "seconds": float(seconds)}  # fmt: skip


def make_inputs(folder: Path) -> dict[str, Path]:
    """The inputs, made in a child process: Linux carries a parent's peak RSS into a forked child's
    ru_maxrss, so the parent must never hold a 40 MP image itself."""
    script = (
        "import sys; from pathlib import Path; from benchmarks import upload_memory as m; f = Path(sys.argv[1]); "
        "(f / 'bomb.png').write_bytes(m.crafted_png()); (f / 'photo.jpg').write_bytes(m.phone_jpeg()); "
        "(f / 'rotated.jpg').write_bytes(m.phone_jpeg(orientation=6))"
    )
    root = Path(__file__).resolve().parent.parent
    command = [sys.executable, "-c", script, str(folder)]
    subprocess.run(command, env={**os.environ, "PYTHONPATH": str(root)}, check=True, timeout=600)  # noqa: S603
    return {"crafted_png_40mp": folder / "bomb.png", "phone_jpeg_12mp": folder / "photo.jpg",
            "phone_jpeg_12mp_rotated": folder / "rotated.jpg"}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", required=True, help="before / after / anything")
    parser.add_argument("--source", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    baseline = measure(args.source, "", "-")
    run: dict[str, object] = {
        "baseline_peak_rss_mb": baseline["peak_rss_mb"],
        "baseline_vm_hwm_mb": baseline["vm_hwm_mb"],
    }
    with tempfile.TemporaryDirectory() as folder:
        for key, path in make_inputs(Path(folder)).items():
            result = measure(args.source, path.name, str(path))
            result["input_bytes"] = path.stat().st_size
            result["cost_mb"] = round(float(result["peak_rss_mb"]) - float(baseline["peak_rss_mb"]), 1)  # type: ignore[arg-type]
            run[key] = result
            print(key, result, flush=True)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[args.label] = run
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
