//! The conflict graph of courses: two courses are adjacent when their lessons can never meet at
//! once, because they share a teacher or some students (following the group hierarchy).
//!
//! Kempe chains follow its edges and construction orders lessons by its degrees. It is a bitset
//! per course, so an adjacency test is one load and a mask.

use horarium_core::{CourseId, Problem};

pub(crate) struct CourseGraph {
    words: usize,
    adjacent: Vec<u64>,
    degree: Vec<u32>,
}

impl CourseGraph {
    pub(crate) fn new(problem: &Problem) -> Self {
        let n_courses = problem.courses().len();
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); problem.teachers().len() + problem.groups().len()];
        for c in 0..n_courses {
            let id = CourseId::from_index(c);
            for t in &problem.course(id).teachers {
                members[t.index()].push(c);
            }
            for g in problem.course_leaves(id) {
                members[problem.teachers().len() + g.index()].push(c);
            }
        }
        let (words, adjacent) = bitset_from_members(n_courses, &members);
        #[allow(clippy::cast_possible_truncation, reason = "degrees are below the course count")]
        let degree = (0..n_courses).map(|c| adjacent[c * words..(c + 1) * words].iter().map(|w| w.count_ones()).sum::<u32>()).collect();
        CourseGraph { words, adjacent, degree }
    }

    /// Whether lessons of courses `a` and `b` can never meet at once.
    #[inline]
    pub(crate) fn adjacent(&self, a: usize, b: usize) -> bool {
        self.adjacent[a * self.words + b / 64] & (1 << (b % 64)) != 0
    }

    /// Number of courses adjacent to `course`.
    pub(crate) fn degree(&self, course: usize) -> u32 {
        self.degree[course]
    }
}

/// Adjacency bitsets of `n` items where items listed together in `members` are adjacent
/// (an item is not adjacent to itself); returns the words per row and the rows.
pub(crate) fn bitset_from_members(n: usize, members: &[Vec<usize>]) -> (usize, Vec<u64>) {
    let words = n.div_ceil(64).max(1);
    let mut rows = vec![0u64; n * words];
    for list in members {
        for &a in list {
            for &b in list {
                if a != b {
                    rows[a * words + b / 64] |= 1 << (b % 64);
                }
            }
        }
    }
    (words, rows)
}
