"""The embedding model on ONNX Runtime, for the speed benchmarks only (crosscheck runs on torch).

sentence-transformers exports the verified local weights to ONNX in a temporary folder (the
installed package stays read-only); "onnx-int8" adds dynamic int8 quantization for this CPU's
instructions. Needs `pip install optimum-onnx onnxruntime`, which pin transformers 4.x: use a
separate venv. Measured in benchmarks/backends.py and benchmarks/scale.py --backend.
"""

from __future__ import annotations

import tempfile
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from crosscheck.embed import SentenceTransformerEmbedder

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

BACKENDS = ("torch", "onnx", "onnx-int8")


def embedder_for(backend: str, **options: int | bool) -> SentenceTransformerEmbedder:
    """crosscheck's embedder on `backend` (one of BACKENDS)."""
    if backend == "torch":
        return SentenceTransformerEmbedder(**options)  # type: ignore[arg-type]
    return OnnxEmbedder(quantized=backend == "onnx-int8", **options)  # type: ignore[arg-type]


class OnnxEmbedder(SentenceTransformerEmbedder):
    def __init__(self, *, quantized: bool, **options: int | bool) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        self.quantized = quantized

    @cached_property
    def identity(self) -> str:
        return f"{super().identity} backend:onnx{'-int8' if self.quantized else ''}"

    def _load(self, path: Path) -> SentenceTransformer:
        from sentence_transformers import SentenceTransformer
        from sentence_transformers.backend import export_dynamic_quantized_onnx_model

        exported = SentenceTransformer(str(path), backend="onnx", local_files_only=True)
        if not self.quantized:
            return exported
        folder = Path(tempfile.mkdtemp(prefix="crosscheck-onnx-"))
        exported.save_pretrained(str(folder))
        config = "avx512_vnni" if _cpu_has("avx512_vnni") else "avx2"
        export_dynamic_quantized_onnx_model(exported, config, str(folder))
        weights = {"file_name": f"onnx/model_qint8_{config}.onnx"}
        return SentenceTransformer(str(folder), backend="onnx", local_files_only=True, model_kwargs=weights)


def _cpu_has(flag: str) -> bool:
    try:
        return flag in Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
