//! What the XML formats' readers share: parsing with a located error, line numbers of nodes,
//! and child lookups by tag name.

use roxmltree::{Document, Node};

use crate::error::{Error, Issue};

/// The XML document of `text` (less a byte order mark, which FET writes), with the text it was
/// read from; `file` names it in the error of text that is not well-formed XML.
pub(crate) fn document<'t>(file: &str, text: &'t str) -> Result<(Document<'t>, &'t str), Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = Document::parse(text).map_err(|e| {
        let pos = e.pos();
        Error::parse(file, vec![Issue::at_line(pos.row as usize, "", format!("not well-formed XML: {e}"))])
    })?;
    Ok((doc, text))
}

/// The byte offset of every line end of a text, so that a line is found by a binary search
/// (roxmltree's own `text_pos_at` scans the text from its start, which a file of many issues
/// would pay for again and again).
pub(crate) struct LineIndex(Vec<usize>);

impl LineIndex {
    pub(crate) fn of(text: &str) -> Self {
        LineIndex(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(at, _)| at).collect())
    }

    /// The 1-based line of byte offset `at`.
    pub(crate) fn line_at(&self, at: usize) -> usize {
        self.0.partition_point(|&n| n < at) + 1
    }

    /// The line `node` starts on.
    pub(crate) fn line(&self, node: Node<'_, '_>) -> usize {
        self.line_at(node.range().start)
    }
}

pub(crate) fn elements<'a, 'input: 'a>(node: Node<'a, 'input>, name: &'static str) -> impl Iterator<Item = Node<'a, 'input>> + 'a {
    node.children().filter(move |n| n.is_element() && n.tag_name().name() == name)
}

pub(crate) fn child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children().find(|n| n.is_element() && n.tag_name().name() == name)
}

pub(crate) fn text_of<'a>(node: Node<'a, '_>) -> &'a str {
    node.text().map_or("", str::trim)
}

/// `text` with XML's special characters written as entities.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}
