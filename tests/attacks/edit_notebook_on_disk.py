"""Rewrites every .ipynb file in the kernel's working directory (its own folder): test cells' source becomes a print,
their outputs are emptied, in case the grader reads the notebook back from disk.
"""

KIND = "tamper"
PLACEMENT = "extra_cell_first"
REST = "blank"
CODE = r'''import glob as _atk_glob, json as _atk_json, os as _atk_os

for _atk_path in _atk_glob.glob(_atk_os.path.join(_atk_os.getcwd(), "**", "*.ipynb"), recursive=True):
    try:
        with open(_atk_path) as _atk_f:
            _atk_nb = _atk_json.load(_atk_f)
        for _atk_cell in _atk_nb.get("cells", []):
            _atk_meta = _atk_cell.get("metadata", {}).get("nbgrader", {})
            if _atk_meta.get("grade") and _atk_cell.get("cell_type") == "code":
                _atk_cell["source"] = 'print("edited on disk")'
                _atk_cell["outputs"] = []
        with open(_atk_path, "w") as _atk_f:
            _atk_json.dump(_atk_nb, _atk_f)
        print("ATTACK edit_notebook_on_disk: rewrote", _atk_path)
    except Exception as _atk_error:
        print("ATTACK edit_notebook_on_disk: could not rewrite", _atk_path, repr(_atk_error))
'''
