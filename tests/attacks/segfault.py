"""Crashes the kernel with a segmentation fault (ctypes reads address 0) right after the imports.
"""

KIND = "broken"
PLACEMENT = "extra_cell_first"
REST = "blank"
CODE = r'''import ctypes as _atk_ctypes
_atk_ctypes.string_at(0)
'''
