"""Contextual word clusters: fitting, assignment, files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimscope.errors import ModelLoadError
from claimscope.quotes import clusters


def _blobs(n: int, width: int = 96, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 3, size=(20, width))
    return (centres[rng.integers(0, 20, n)] + rng.normal(0, 0.3, (n, width))).astype(np.float32)


@pytest.fixture(scope="module")
def fitted() -> clusters.Clusters:
    return clusters.fit(_blobs(3000))


def test_fit_gives_both_levels_and_is_repeatable(fitted: clusters.Clusters) -> None:
    assert fitted.coarse.shape == (clusters.COARSE, 96)
    assert fitted.fine.shape == (clusters.FINE, 96)
    again = clusters.fit(_blobs(3000))
    assert np.array_equal(fitted.coarse, again.coarse) and np.array_equal(fitted.fine, again.fine)


def test_a_centroid_falls_in_its_own_cluster(fitted: clusters.Clusters) -> None:
    coarse, _ = fitted.assign(fitted.coarse[5][None, :])
    assert coarse == ["c=5"]
    # Fine cluster j is written as j // 8 and j % 8.
    _, fine = fitted.assign(fitted.fine[[0, 13, 1023]])
    assert fine == ["cf=0.0", "cf=1.5", "cf=127.7"]


def test_one_pair_of_features_per_vector(fitted: clusters.Clusters) -> None:
    coarse, fine = fitted.assign(_blobs(40, seed=1))
    assert len(coarse) == len(fine) == 40
    assert len(set(coarse)) > 1 and all(f.startswith("cf=") for f in fine)


def test_assign_nothing_and_wrong_width(fitted: clusters.Clusters) -> None:
    assert fitted.assign(np.zeros((0, 96), dtype=np.float32)) == ([], [])
    assert fitted.assign(np.zeros((0,), dtype=np.float32)) == ([], [])
    with pytest.raises(ModelLoadError, match="96-float"):
        fitted.assign(np.zeros((3, 64), dtype=np.float32))


def test_few_tokens_give_fewer_clusters() -> None:
    small = clusters.fit(_blobs(200))
    assert small.coarse.shape == (clusters.COARSE, 96) and small.fine.shape == (200, 96)
    assert small.assign(_blobs(3))[0]
    with pytest.raises(ValueError, match="no token vectors"):
        clusters.fit(np.zeros((0, 96), dtype=np.float32))


def test_save_and_load(fitted: clusters.Clusters, tmp_path: Path) -> None:
    path = tmp_path / "m.clusters.npz"
    fitted.save(path)
    loaded = clusters.load(path)
    assert np.array_equal(loaded.coarse, fitted.coarse)
    data = _blobs(10)
    assert loaded.assign(data) == fitted.assign(data)


@pytest.mark.parametrize("content", [None, b"not an npz", b"", b"PK\x03\x04truncated",
                                     "mismatch"])
def test_bad_cluster_files_are_named_errors(tmp_path: Path, content: object) -> None:
    path = tmp_path / "m.clusters.npz"
    if content == "mismatch":
        with path.open("wb") as handle:
            np.savez(handle, coarse=np.zeros((4, 96)), fine=np.zeros((3, 64)))
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(ModelLoadError, match=r"m\.clusters\.npz|do not fit"):
        clusters.load(path)


def test_tokens_carry_their_clusters_and_neighbours_see_them(fitted: clusters.Clusters) -> None:
    """Issue 3: each tagged token's features hold its coarse and fine cluster, read off the
    parse's token vectors; its next neighbours see them too."""
    from claimscope import nlp
    from claimscope.quotes.features import doc_features

    doc = nlp.load()("The minister said that the border would stay closed.")
    plain = doc_features(doc)
    [block] = doc_features(doc, clusters=fitted)
    coarse, fine = fitted.assign(doc.tensor)
    for k, own in enumerate(block.own):
        assert coarse[k] in own and fine[k] in own
        assert own[:4] == plain[0].own[k][:4]
    assert f"-1:{coarse[0]}" in block.feats()[1]
    assert not any(f.startswith(("c=", "cf=")) for f in plain[0].own[0])
