//! Tables: their cells read flat, then drawn as a box-drawing grid when
//! they fit [`MAX_GRID_WIDTH`], else as one labelled block per row.

use std::mem;

use pulldown_cmark::Alignment;
use unicode_width::UnicodeWidthStr;

use super::Reader;
use crate::document::BlockKind;
use crate::document::block::Role;

/// The widest table, in terminal columns, still drawn as a grid; a wider
/// one becomes one labelled block per row.
pub const MAX_GRID_WIDTH: usize = 80;

impl Reader {
    /// Ends a table cell: its text, flattened, goes to the row.
    pub(super) fn end_cell(&mut self) {
        let text = self
            .pending
            .take()
            .map(|pending| pending.finish().text)
            .unwrap_or_default();
        if let Some(table) = &mut self.table {
            table.cell(text.replace('\n', " "));
        }
    }

    /// Ends a table: a grid when it fits, labelled rows when it does not.
    pub(super) fn end_table(&mut self) {
        let Some(table) = self.table.take() else {
            return;
        };
        let (kind, texts) = match table.grid() {
            Some(grid) => (BlockKind::Preformatted, vec![grid]),
            None => (BlockKind::Prose, table.labelled_rows()),
        };
        for text in texts {
            let mut block = self.new_block(Role::Table, kind);
            block.text = text;
            if kind == BlockKind::Prose {
                block = block.as_table_row();
            }
            self.keep(block);
        }
    }
}

/// A table being read: its alignments, header and rows of flattened cells.
pub(super) struct Table {
    alignments: Vec<Alignment>,
    head: Vec<String>,
    rows: Vec<Vec<String>>,
    row: Vec<String>,
}

impl Table {
    /// An empty table with its columns' alignments.
    pub(super) fn new(alignments: Vec<Alignment>) -> Table {
        Table {
            alignments,
            head: Vec::new(),
            rows: Vec::new(),
            row: Vec::new(),
        }
    }

    /// Adds a cell to the current row.
    fn cell(&mut self, text: String) {
        self.row.push(text);
    }

    /// Ends the header row.
    pub(super) fn end_head(&mut self) {
        self.head = mem::take(&mut self.row);
    }

    /// Ends a body row.
    pub(super) fn end_row(&mut self) {
        self.rows.push(mem::take(&mut self.row));
    }

    /// How many columns the widest row has.
    fn columns(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .chain([self.head.len(), self.alignments.len()])
            .max()
            .unwrap_or(0)
    }

    /// Each column's width: its widest cell, at least one column.
    fn widths(&self) -> Vec<usize> {
        let mut widths = vec![1; self.columns()];
        for row in self.rows.iter().chain([&self.head]) {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.width());
            }
        }
        widths
    }

    /// The table as a box-drawing grid, or `None` when it is wider than
    /// [`MAX_GRID_WIDTH`] (or has no column).
    fn grid(&self) -> Option<String> {
        let widths = self.widths();
        let total = widths.iter().sum::<usize>() + 3 * widths.len() + 1;
        if widths.is_empty() || total > MAX_GRID_WIDTH {
            return None;
        }
        let mut lines = vec![border(&widths, '┌', '┬', '┐')];
        lines.push(self.grid_row(&self.head, &widths));
        lines.push(border(&widths, '├', '┼', '┤'));
        lines.extend(self.rows.iter().map(|row| self.grid_row(row, &widths)));
        lines.push(border(&widths, '└', '┴', '┘'));
        Some(lines.join("\n"))
    }

    /// One row of the grid, each cell padded as its column is aligned.
    fn grid_row(&self, row: &[String], widths: &[usize]) -> String {
        let mut line = String::from("│");
        for (column, width) in widths.iter().enumerate() {
            let cell = row.get(column).map_or("", String::as_str);
            let alignment = self.alignments.get(column).copied();
            let room = width.saturating_sub(cell.width());
            let before = match alignment {
                Some(Alignment::Right) => room,
                Some(Alignment::Center) => room / 2,
                _ => 0,
            };
            line.push(' ');
            line.extend(std::iter::repeat_n(' ', before));
            line.push_str(cell);
            line.extend(std::iter::repeat_n(' ', room - before));
            line.push_str(" │");
        }
        line
    }

    /// One text per body row (the header's when there is none), each cell
    /// labelled by its column's header: `Header: cell; Header2: cell2`.
    fn labelled_rows(&self) -> Vec<String> {
        if self.rows.is_empty() {
            return vec![self.head.join("; ")];
        }
        self.rows
            .iter()
            .map(|row| {
                let cells: Vec<String> = row
                    .iter()
                    .enumerate()
                    .filter(|(_, cell)| !cell.is_empty())
                    .map(|(column, cell)| match self.head.get(column) {
                        Some(header) if !header.is_empty() => format!("{header}: {cell}"),
                        _ => cell.clone(),
                    })
                    .collect();
                cells.join("; ")
            })
            .collect()
    }
}

/// A horizontal line of a grid: `left`, then each column's width in `─`
/// (with its padding), joined by `middle`, then `right`.
fn border(widths: &[usize], left: char, middle: char, right: char) -> String {
    let mut line = String::from(left);
    for (column, width) in widths.iter().enumerate() {
        if column > 0 {
            line.push(middle);
        }
        line.extend(std::iter::repeat_n('─', width + 2));
    }
    line.push(right);
    line
}

#[cfg(test)]
mod tests {
    use crate::document::BlockKind;
    use crate::document::block::Role;
    use crate::document::format::markdown::read;
    use crate::document::format::markdown::tests::blocks;

    #[test]
    fn a_small_table_is_a_grid() {
        let doc = read(
            "| Name | Qty | Mid |\n|:-----|----:|:---:|\n| `pomme` | 3 | *x* |\n| poire | 12 | ab |\n",
        );
        assert_eq!(doc.blocks.len(), 1);
        let table = &doc.blocks[0];
        assert_eq!(
            (table.role, table.kind),
            (Role::Table, BlockKind::Preformatted)
        );
        assert_eq!(
            table.text,
            "┌───────┬─────┬─────┐\n\
             │ Name  │ Qty │ Mid │\n\
             ├───────┼─────┼─────┤\n\
             │ pomme │   3 │  x  │\n\
             │ poire │  12 │ ab  │\n\
             └───────┴─────┴─────┘"
        );
    }

    #[test]
    fn a_grid_measures_wide_characters_by_their_columns() {
        let table = &blocks("| 漢字 | a |\n|---|---|\n| b | c |\n")[0];
        assert_eq!(
            table.text,
            "┌──────┬───┐\n│ 漢字 │ a │\n├──────┼───┤\n│ b    │ c │\n└──────┴───┘"
        );
    }

    #[test]
    fn a_wide_table_becomes_labelled_rows() {
        let long = "word ".repeat(16);
        let text =
            format!("| Key | Meaning |\n|---|---|\n| `+` | {long} |\n| `-` |  |\n| | lone |\n");
        let doc = read(&text);
        let got: Vec<(&str, Role, BlockKind)> = doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.role, b.kind))
            .collect();
        let first = format!("Key: +; Meaning: {}", long.trim());
        assert_eq!(
            got,
            [
                (first.as_str(), Role::Table, BlockKind::Prose),
                ("Key: -", Role::Table, BlockKind::Prose),
                ("Meaning: lone", Role::Table, BlockKind::Prose),
            ]
        );
        // Each row hangs from its marker, so that wrapped rows stand apart.
        for block in &doc.blocks {
            assert_eq!((block.list, block.marker.as_deref()), (1, Some("▪")));
        }
    }
}
