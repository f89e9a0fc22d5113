"""Dask scale-out: score a Dask DataFrame column partition by partition (extra ``dask``).

The detector is scattered to the workers once (``client.scatter(..., broadcast=True)``)
and every partition is scored with :meth:`riskdetect.Detector.score`, so the result
equals in-process scoring row by row.

>>> # ddf = dask.dataframe.read_parquet("messages/")
>>> # scores = riskdetect.dask.score(ddf, column="text").compute()
"""

from __future__ import annotations

__all__ = ["score"]


def _require():
    try:
        import dask.dataframe as dd  # noqa: F401
        from distributed import default_client  # noqa: F401
    except ImportError:
        raise ImportError("riskdetect.dask needs the dask extra: pip install 'riskdetect[dask]'") from None


def _score_partition(texts, detector, thresholds, keep_column=None):
    if keep_column is None:
        return detector.score(texts, thresholds=thresholds)
    scores = detector.score(texts[keep_column], thresholds=thresholds)
    scores[keep_column] = texts[keep_column].astype("string").to_numpy()
    return scores


def score(ddf, column: str = "text", model=None, thresholds=None, client=None, detector=None, keep_text=False):
    """A lazy Dask DataFrame with ``<label>_score``, ``<label>_flag`` and ``flagged`` per row.

    ``ddf``: a Dask DataFrame (or Series). ``client``: a ``distributed.Client`` (default: the
    current one, if any); with a client the detector is scattered to every worker once.
    ``keep_text=True`` adds the text column to the result.
    """
    _require()
    from distributed import default_client

    from .detector import Detector

    detector = detector or Detector.load(model)
    series = ddf[column] if hasattr(ddf, "columns") else ddf
    meta = detector.score([], thresholds=thresholds)
    meta.index = series._meta.index  # the empty template's index: its dtype must match the input's
    if keep_text:
        series = series.to_frame(column)
        import pandas as pd

        meta[column] = pd.Series(index=meta.index, dtype="string")
    if client is None:
        try:
            client = default_client()
        except ValueError:
            client = None
    handle = client.scatter(detector, broadcast=True) if client is not None else detector
    return series.map_partitions(_score_partition, handle, thresholds, column if keep_text else None, meta=meta)
