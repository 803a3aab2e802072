//! Tables: read row by row and cell by cell, then drawn as a box-drawing
//! grid when they fit [`MAX_GRID_WIDTH`], else told as one block a row.

use std::mem;

use dom_query::NodeRef;
use unicode_width::UnicodeWidthStr;

use super::clean_line;
use super::elements::local;
use super::walker::Walker;
use crate::document::BlockKind;
use crate::document::block::Role;

/// The widest table, in columns, drawn as a grid; a wider one is told row
/// by row.
pub const MAX_GRID_WIDTH: usize = 80;

impl Walker {
    /// A table: one grid, or a block a row.
    pub(super) fn table(&mut self, node: &NodeRef<'_>) {
        self.end_block();
        let table = read_table(node);
        for id in &table.ids {
            if !self.anchors.contains(id) {
                self.anchors.push(id.clone());
            }
        }
        if let Some(caption) = table.caption.as_ref().filter(|c| !c.is_empty()) {
            let block = self.new_block(caption.clone(), Role::Body, BlockKind::Prose);
            self.blocks.push(block);
        }
        if let Some(grid) = grid(&table.rows) {
            let block = self.new_block(grid, Role::Table, BlockKind::Preformatted);
            self.blocks.push(block);
            return;
        }
        let header = table.header.then(|| table.rows.first()).flatten();
        let body = &table.rows[usize::from(header.is_some())..];
        for row in body {
            let text = row_text(header, row);
            if !text.is_empty() {
                let block = self.new_block(text, Role::Table, BlockKind::Prose);
                self.blocks.push(block.as_table_row());
            }
        }
    }
}

/// Most columns a cell may span, and most rows (a larger `colspan` or
/// `rowspan` counts as this many: no input makes the grid huge).
const MAX_SPAN: usize = 64;

/// Most columns a table is given.
const MAX_COLUMNS: usize = 256;

/// A cell as read: its text and how many columns and rows it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cell {
    text: String,
    columns: usize,
    rows: usize,
}

/// One place of a table's grid.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Slot {
    /// Where a cell starts: its text, and how many columns it spans.
    Start(String, usize),
    /// Taken by the cell to the left (its `colspan`).
    Right,
    /// Taken by a cell above (its `rowspan`), whose text this is.
    Below(String),
}

impl Slot {
    /// The text this place tells, in a row told as prose.
    fn text(&self) -> &str {
        match self {
            Slot::Start(text, _) | Slot::Below(text) => text,
            Slot::Right => "",
        }
    }
}

/// A table as read: its rows of cells, cleaned, and what else it holds.
#[derive(Debug, Default)]
struct Table {
    /// Its caption.
    caption: Option<String>,
    /// Its rows, on a grid: every row as long as the widest.
    rows: Vec<Vec<Slot>>,
    /// Whether the first row is a header (in `thead`, or all `th`).
    header: bool,
    /// The ids of the elements inside.
    ids: Vec<String>,
}

/// Reads a table's rows and cells, iteratively; what a cell holds is
/// read on one line (a table inside a cell adds its text to that cell).
fn read_table(table: &NodeRef<'_>) -> Table {
    let mut out = Table::default();
    let mut cells_by_row: Vec<Vec<Cell>> = Vec::new();
    let mut row: Option<(Vec<Cell>, bool)> = None;
    let mut first_row_in_head = false;
    let mut stack = vec![(*table, false)];
    while let Some((node, in_head)) = stack.pop() {
        if let Some(id) = node.attr("id").map(|id| clean_line(&id))
            && !id.is_empty()
        {
            out.ids.push(id);
        }
        let name = node
            .node_name()
            .map(|n| local(&n.to_ascii_lowercase()).to_owned())
            .unwrap_or_default();
        match name.as_str() {
            "tr" => {
                finish_row(&mut out, &mut cells_by_row, &mut row);
                row = Some((Vec::new(), true));
                if cells_by_row.is_empty() {
                    first_row_in_head = in_head;
                }
            }
            "td" | "th" => {
                let (text, ids) = cell_text(&node);
                out.ids.extend(ids);
                let (cells, all_th) = row.get_or_insert_with(|| (Vec::new(), true));
                let span = |name: &str| {
                    node.attr(name)
                        .and_then(|n| n.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, MAX_SPAN)
                };
                cells.push(Cell {
                    text,
                    columns: span("colspan"),
                    rows: span("rowspan"),
                });
                *all_th &= name == "th";
                continue;
            }
            "caption" => {
                let (text, ids) = cell_text(&node);
                out.ids.extend(ids);
                out.caption = Some(text);
                continue;
            }
            _ => {}
        }
        let head = in_head || name == "thead";
        let children: Vec<_> = node.children_it(true).filter(|c| c.is_element()).collect();
        stack.extend(children.into_iter().map(|c| (c, head)));
    }
    finish_row(&mut out, &mut cells_by_row, &mut row);
    out.rows = lay_out(cells_by_row);
    out.header = out.rows.len() > 1 && (out.header || first_row_in_head);
    out
}

/// Adds the row being read to the rows, if it has cells; a first row of
/// `th` only is a header.
fn finish_row(table: &mut Table, rows: &mut Vec<Vec<Cell>>, row: &mut Option<(Vec<Cell>, bool)>) {
    if let Some((cells, all_th)) = row.take()
        && !cells.is_empty()
    {
        if rows.is_empty() && all_th {
            table.header = true;
        }
        rows.push(cells);
    }
}

/// The rows' cells placed on a grid as HTML places them: each cell in the
/// first column its row leaves free, taking the columns and rows it spans;
/// every row as long as the widest.
fn lay_out(rows: Vec<Vec<Cell>>) -> Vec<Vec<Slot>> {
    let mut grid: Vec<Vec<Option<Slot>>> = vec![Vec::new(); rows.len()];
    for (r, cells) in rows.into_iter().enumerate() {
        let mut c = 0;
        for cell in cells {
            while grid[r].get(c).is_some_and(Option::is_some) {
                c += 1;
            }
            if c >= MAX_COLUMNS {
                break;
            }
            let columns = cell.columns.min(MAX_COLUMNS - c);
            let last_row = (r + cell.rows).min(grid.len());
            for (i, line) in grid[r..last_row].iter_mut().enumerate() {
                if line.len() < c + columns {
                    line.resize(c + columns, None);
                }
                for (j, place) in line[c..c + columns].iter_mut().enumerate() {
                    *place = Some(match (i, j) {
                        (0, 0) => Slot::Start(cell.text.clone(), columns),
                        (0, _) => Slot::Right,
                        (_, 0) => Slot::Below(cell.text.clone()),
                        _ => Slot::Right,
                    });
                }
            }
            c += columns;
        }
    }
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    grid.into_iter()
        .map(|line| {
            let mut line: Vec<Slot> = line
                .into_iter()
                .map(|place| place.unwrap_or(Slot::Start(String::new(), 1)))
                .collect();
            line.resize(width, Slot::Start(String::new(), 1));
            line
        })
        .collect()
}

/// The text of a cell (or caption) on one line, with the alternatives of
/// its images and formulas, and the ids inside it.
fn cell_text(cell: &NodeRef<'_>) -> (String, Vec<String>) {
    let mut walker = Walker {
        in_cell: true,
        ..Walker::default()
    };
    for child in cell.children_it(false) {
        walker.walk(child);
    }
    let mut ids = mem::take(&mut walker.anchors);
    let blocks = walker.finish();
    let texts: Vec<&str> = blocks.iter().map(|block| block.text.as_str()).collect();
    ids.extend(
        blocks
            .iter()
            .flat_map(|block| block.anchors.iter().cloned()),
    );
    (clean_line(&texts.join(" ")), ids)
}

/// The table drawn as a box-drawing grid, when it fits in
/// [`MAX_GRID_WIDTH`] columns; a cell spanning columns is one wide cell,
/// one spanning rows is empty below its first.
fn grid(rows: &[Vec<Slot>]) -> Option<String> {
    let columns = rows.first().map(Vec::len).filter(|&n| n > 0)?;
    let mut widths = vec![0; columns];
    for row in rows {
        for (width, slot) in widths.iter_mut().zip(row) {
            if let Slot::Start(text, 1) = slot {
                *width = (*width).max(text.width());
            }
        }
    }
    // A spanning cell wider than its columns widens the last of them.
    for row in rows {
        for (c, slot) in row.iter().enumerate() {
            if let Slot::Start(text, span) = slot
                && *span > 1
            {
                let end = (c + span).min(columns);
                let room: usize = widths[c..end].iter().sum::<usize>() + 3 * (end - c - 1);
                if let Some(last) = widths[..end].last_mut() {
                    *last += text.width().saturating_sub(room);
                }
            }
        }
    }
    let total = widths.iter().sum::<usize>() + 3 * columns + 1;
    if total > MAX_GRID_WIDTH {
        return None;
    }
    let line = |left: &str, middle: &str, right: &str| {
        let bars: Vec<String> = widths.iter().map(|w| "─".repeat(w + 2)).collect();
        format!("{left}{}{right}", bars.join(middle))
    };
    let mut lines = vec![line("┌", "┬", "┐")];
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            lines.push(line("├", "┼", "┤"));
        }
        let mut cells: Vec<String> = Vec::new();
        for (c, slot) in row.iter().enumerate() {
            let (text, span) = match slot {
                Slot::Start(text, span) => (text.as_str(), *span),
                Slot::Below(_) => ("", 1),
                Slot::Right => continue,
            };
            let end = (c + span).min(columns);
            let room = widths[c..end].iter().sum::<usize>() + 3 * (end - c - 1);
            cells.push(format!(
                " {text}{} ",
                " ".repeat(room.saturating_sub(text.width()))
            ));
        }
        lines.push(format!("│{}│", cells.join("│")));
    }
    lines.push(line("└", "┴", "┘"));
    Some(lines.join("\n"))
}

/// One row told as prose: `Header: cell; …`, or the cells alone (a cell
/// spanning columns told once, under its first column's header; one
/// spanning rows told again in each).
fn row_text(header: Option<&Vec<Slot>>, row: &[Slot]) -> String {
    let parts: Vec<String> = row
        .iter()
        .enumerate()
        .filter(|(_, slot)| !slot.text().is_empty())
        .map(|(i, slot)| {
            let label = header
                .and_then(|h| h.get(i))
                .map(Slot::text)
                .filter(|h| !h.is_empty());
            match label {
                Some(label) => format!("{label}: {}", slot.text()),
                None => slot.text().to_owned(),
            }
        })
        .collect();
    parts.join("; ")
}
