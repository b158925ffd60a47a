"""``OverwriteCellsInOrder``: nbgrader's ``OverwriteCells`` without two faults. Name it in
``Autograde.sanitize_preprocessors`` in place of ``OverwriteCells``.

- **Deleted test cells go back where the assignment has them, on any gradebook.** nbgrader (0.9) puts a missing test
  cell after "the source cell before it" in the gradebook's list of the notebook's source cells. That list comes
  from an SQL query with no order: SQLite happens to return the cells in the order they were added, PostgreSQL does
  not, and then the cell goes to the wrong place or grading the notebook fails with a KeyError — a student who
  deleted a test cell scores 0 for correct work. Here the order is the assignment's own: the source notebook's.
- **No false alarm for a test cell as it was released.** The gradebook holds each test cell with its hidden tests,
  the release without them, so nbgrader warned "Attribute 'checksum' for cell ... has changed!" for every hidden-test
  cell of every submission, the untouched release included, which reads like tampering. A cell whose source is the
  released one is restored silently; any other change is still reported.
"""

import copy
import os

import nbformat
from nbgrader.api import MissingEntry
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import ClearHiddenTests, OverwriteCells


def _grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _released(cell, source: str, config) -> str:
    """What nbgrader's release makes of a cell with this source: its hidden tests removed."""
    released = copy.deepcopy(cell)
    released.source = source
    ClearHiddenTests(config=config)._remove_hidden_test_region(released)
    return released.source


class OverwriteCellsInOrder(OverwriteCells):
    """``OverwriteCells`` whose ``add_missing_cells`` follows the source notebook's order of cells, and which
    restores a locked cell that holds its released source without reporting a change."""

    def preprocess_cell(self, cell, resources, cell_index):
        grade_id = _grade_id(cell)
        if grade_id is not None and cell.cell_type == "code":
            try:
                source = self.gradebook.find_source_cell(grade_id, self.notebook_id, self.assignment_id)
            except MissingEntry:
                source = None
            if source is not None and source.locked and cell.source != source.source \
                    and cell.source == _released(cell, source.source, self.config):
                cell.source = source.source
        return super().preprocess_cell(cell, resources, cell_index)

    def _source_order(self, resources) -> list[str]:
        """The grade ids of the assignment's source notebook, in order (empty when the source is not there)."""
        coursedir = CourseDirectory(config=self.config)
        info = resources["nbgrader"]
        path = os.path.join(coursedir.format_path(coursedir.source_directory, ".", info["assignment"]),
                            f"{info['notebook']}.ipynb")
        if not os.path.exists(path):
            return []
        return [grade_id for cell in nbformat.read(path, as_version=4).cells if (grade_id := _grade_id(cell))]

    def add_missing_grade_cells(self, nb, resources):
        source_nb = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        rank = {grade_id: position for position, grade_id in enumerate(self._source_order(resources))}
        source_cells = sorted(source_nb.source_cells, key=lambda cell: rank.get(cell.name, len(rank)))
        grade_cells = {cell.name: cell for cell in source_nb.grade_cells}
        solution_ids = {cell.name for cell in source_nb.solution_cells}
        for position, source_cell in enumerate(source_cells):
            present = {_grade_id(cell): index for index, cell in enumerate(nb.cells) if _grade_id(cell)}
            if source_cell.name not in grade_cells or source_cell.name in present:
                continue
            self.log.warning("Missing grade cell %s encountered, adding to notebook", source_cell.name)
            earlier = [present[cell.name] for cell in source_cells[:position] if cell.name in present]
            cell = self.missing_cell_transform(source_cell, grade_cells[source_cell.name].max_score,
                                               is_solution=source_cell.name in solution_ids)
            nb.cells.insert(earlier[-1] + 1 if earlier else 0, cell)
        return nb, resources
