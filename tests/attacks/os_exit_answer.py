"""Every answer cell is `os._exit(0)`: the kernel dies at the first answer, before any test runs.
"""

KIND = "broken"
PLACEMENT = "answer_replace"
REST = "blank"
CODE = r'''import os
os._exit(0)
'''
