from tests.store.fixtures import data_dir, store

__all__ = ["data_dir", "store"]
