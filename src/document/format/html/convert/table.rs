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
                self.blocks.push(block);
            }
        }
    }
}

/// A table as read: its rows of cells, cleaned, and what else it holds.
#[derive(Debug, Default)]
struct Table {
    /// Its caption.
    caption: Option<String>,
    /// Its rows, each a list of cell texts.
    rows: Vec<Vec<String>>,
    /// Whether the first row is a header (in `thead`, or all `th`).
    header: bool,
    /// The ids of the elements inside.
    ids: Vec<String>,
}

/// Reads a table's rows and cells, iteratively; what a cell holds is
/// read on one line (a table inside a cell adds its text to that cell).
fn read_table(table: &NodeRef<'_>) -> Table {
    let mut out = Table::default();
    let mut row: Option<(Vec<String>, bool)> = None;
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
                finish_row(&mut out, &mut row);
                row = Some((Vec::new(), true));
                if out.rows.is_empty() {
                    first_row_in_head = in_head;
                }
            }
            "td" | "th" => {
                let (text, ids) = cell_text(&node);
                out.ids.extend(ids);
                let (cells, all_th) = row.get_or_insert_with(|| (Vec::new(), true));
                cells.push(text);
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
    finish_row(&mut out, &mut row);
    out.header = out.rows.len() > 1 && (out.header || first_row_in_head);
    out
}

/// Adds the row being read to the table, if it has cells; a first row
/// of `th` only is a header.
fn finish_row(table: &mut Table, row: &mut Option<(Vec<String>, bool)>) {
    if let Some((cells, all_th)) = row.take()
        && !cells.is_empty()
    {
        if table.rows.is_empty() && all_th {
            table.header = true;
        }
        table.rows.push(cells);
    }
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
/// [`MAX_GRID_WIDTH`] columns.
fn grid(rows: &[Vec<String>]) -> Option<String> {
    let columns = rows.iter().map(Vec::len).max().filter(|&n| n > 0)?;
    let mut widths = vec![0; columns];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
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
        let cells: Vec<String> = widths
            .iter()
            .enumerate()
            .map(|(j, w)| {
                let cell = row.get(j).map_or("", String::as_str);
                format!(" {cell}{} ", " ".repeat(w - cell.width()))
            })
            .collect();
        lines.push(format!("│{}│", cells.join("│")));
    }
    lines.push(line("└", "┴", "┘"));
    Some(lines.join("\n"))
}

/// One row told as prose: `Header: cell; …`, or the cells alone.
fn row_text(header: Option<&Vec<String>>, row: &[String]) -> String {
    let parts: Vec<String> = row
        .iter()
        .enumerate()
        .filter(|(_, cell)| !cell.is_empty())
        .map(
            |(i, cell)| match header.and_then(|h| h.get(i)).filter(|h| !h.is_empty()) {
                Some(label) => format!("{label}: {cell}"),
                None => cell.clone(),
            },
        )
        .collect();
    parts.join("; ")
}
