"""The Dask integration against a real LocalCluster: same results as one machine."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from krquality.batch import RESULT_COLUMNS, classify_file
from krquality.errors import InvalidInputError

from .conftest import backlog, write_csv

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0", silence_logs=40
    ) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster: Any) -> Iterator[Any]:
    from distributed import Client

    with Client(cluster) as dask_client:
        yield dask_client


def rows_with_errors(n: int) -> list[dict[str, str]]:
    rows = backlog(n)
    rows[4]["text"] = ""
    return rows


def test_classify_dataframe_equals_the_single_machine_run(client: Any, tmp_path: Path) -> None:
    import dask.dataframe as dd
    import pandas as pd

    from krquality.dask import classify_dataframe, register_analyzer

    rows = rows_with_errors(40)
    source = write_csv(tmp_path / "krs.csv", rows)
    classify_file(source, tmp_path / "local.jsonl")
    local = {r["row"]: r for r in map(json.loads, (tmp_path / "local.jsonl").read_text().splitlines())}

    register_analyzer(client)
    ddf = dd.from_pandas(pd.DataFrame(rows), npartitions=3)
    frame = classify_dataframe(ddf, column="text").compute()
    assert list(frame.columns[:3]) == ["team", "quarter", "text"]
    assert frame["row"].tolist() == list(range(1, 41))
    failed = frame[frame["error"].notna()]
    assert failed["row"].tolist() == [5] and failed["error"].iloc[0] == "row 5 is empty"
    for record in frame[frame["error"].isna()].to_dict("records"):
        want = local[record["row"]]
        assert record["id"] == want["id"]
        for name in RESULT_COLUMNS:
            assert record[name] == want[name], (record["row"], name)


def test_classify_dataframe_without_row_numbers(client: Any) -> None:
    import dask.dataframe as dd
    import pandas as pd

    from krquality.dask import classify_dataframe

    ddf = dd.from_pandas(pd.DataFrame({"kr": [r["text"] for r in backlog(6)]}), npartitions=2)
    frame = classify_dataframe(ddf, column="kr", row_numbers=False, suggestions=False).compute()
    assert frame["row"].isna().all() and frame["label"].notna().all()


def test_classify_dataframe_refuses_an_unknown_column(client: Any) -> None:
    import dask.dataframe as dd
    import pandas as pd

    from krquality.dask import classify_dataframe

    ddf = dd.from_pandas(pd.DataFrame({"kr": ["x"]}), npartitions=1)
    with pytest.raises(InvalidInputError, match="no column 'text'"):
        classify_dataframe(ddf)


def test_batch_runner_on_the_cluster_writes_the_same_file(cluster: Any, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "krs.csv", rows_with_errors(60))
    classify_file(source, tmp_path / "local.csv", batch_size=8)
    summary = classify_file(
        source, tmp_path / "cluster.csv", batch_size=8, dask_scheduler=cluster.scheduler_address
    )
    assert summary.rows_failed == 1
    assert (tmp_path / "cluster.csv").read_bytes() == (tmp_path / "local.csv").read_bytes()
