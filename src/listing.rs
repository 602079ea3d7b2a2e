//! How a list is cut into pages and grouped by category: one rule for the HTML lists, the
//! API and the downloads, so a page count or a group never differs between them.

use crate::error::{AppError, Problem};
use crate::model::Category;

/// Page `page` of a list, and how many pages it has.
#[derive(Clone, Copy, Debug)]
pub struct Pages {
    pub page: u32,
    /// At least 1: an empty list is one empty page.
    pub pages: u32,
}

impl Pages {
    pub fn new(page: u32, per_page: u32, total: i64) -> Self {
        let pages = u32::try_from(total)
            .unwrap_or(u32::MAX)
            .div_ceil(per_page)
            .max(1);
        Pages { page, pages }
    }

    /// The SQL `(limit, offset)` of page `page` (numbered from 1).
    pub fn limit(page: u32, per_page: u32) -> (u32, u32) {
        (per_page, (page - 1) * per_page)
    }

    /// The pages of a reader's list, where a page past the last is a 400 (the API answers
    /// such a page with no items instead, as its clients expect).
    pub fn existing(self) -> Result<Self, AppError> {
        let Pages { page, pages, .. } = self;
        if page <= pages {
            return Ok(self);
        }
        Err(AppError::bad(
            "page",
            Problem::new(
                format!("{page} is past the last page ({pages})"),
                format!("{page} dépasse la dernière page ({pages})"),
            ),
            vec![],
        ))
    }
}

/// The links of an HTML list's pager.
pub struct Pager {
    pub page: u32,
    pub pages: u32,
    pub previous_url: Option<String>,
    pub next_url: Option<String>,
}

impl Pager {
    /// `link(n)` is the address of page `n`.
    pub fn new(pages: Pages, link: impl Fn(u32) -> String) -> Self {
        let Pages { page, pages, .. } = pages;
        Pager {
            page,
            pages,
            previous_url: (page > 1).then(|| link(page - 1)),
            next_url: (page < pages).then(|| link(page + 1)),
        }
    }
}

/// One category's rows, in the order the categories are listed everywhere.
pub struct CategoryGroup<T> {
    pub category: Category,
    /// Rows of the category in the whole list; more than `rows.len()` on a page of it.
    pub count: i64,
    pub rows: Vec<T>,
}

impl<T> CategoryGroup<T> {
    /// Every category that has rows, with `count` the number of rows.
    pub fn all(rows: Vec<T>, category_of: impl Fn(&T) -> Category) -> Vec<Self> {
        let mut groups = Self::counted(
            Category::ALL.into_iter().map(|c| (c, 0)).collect(),
            rows,
            category_of,
        );
        groups.retain_mut(|g| {
            g.count = i64::try_from(g.rows.len()).unwrap_or(i64::MAX);
            g.count > 0
        });
        groups
    }

    /// One group per `(category, count)`, in that order, each with its rows (a page of the
    /// list may hold only some of them, or none).
    pub fn counted(
        counts: Vec<(Category, i64)>,
        rows: Vec<T>,
        category_of: impl Fn(&T) -> Category,
    ) -> Vec<Self> {
        let mut groups: Vec<Self> = counts
            .into_iter()
            .map(|(category, count)| CategoryGroup {
                category,
                count,
                rows: Vec::new(),
            })
            .collect();
        for row in rows {
            let category = category_of(&row);
            if let Some(group) = groups.iter_mut().find(|g| g.category == category) {
                group.rows.push(row);
            }
        }
        groups
    }
}
