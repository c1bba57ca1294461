//! Dense, typed indices for the entities of a [`Problem`](crate::Problem).
//!
//! Every entity lives in a `Vec` inside the problem and is named by its position.
//! The newtypes keep a room index from being used as a teacher index; they carry no
//! other invariant, so the problem that produced an id is the only one it is valid for.

use serde::{Deserialize, Serialize};

macro_rules! dense_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl $name {
            /// The position of this entity in its problem's list.
            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The id of the entity at `index`.
            #[inline]
            #[allow(clippy::cast_possible_truncation, reason = "problems hold fewer than 2^32 entities; readers reject larger ones")]
            pub fn from_index(index: usize) -> Self {
                Self(index as u32)
            }
        }
    };
}

dense_id!(
    /// A teacher of a [`Problem`](crate::Problem).
    TeacherId
);
dense_id!(
    /// A group of students (a class, a curriculum, a set of students) of a [`Problem`](crate::Problem).
    GroupId
);
dense_id!(
    /// A room of a [`Problem`](crate::Problem).
    RoomId
);
dense_id!(
    /// A course of a [`Problem`](crate::Problem).
    CourseId
);
dense_id!(
    /// A lesson (one meeting of a course) of a [`Problem`](crate::Problem); lessons of all courses are numbered together.
    LessonId
);

/// A time slot: `day * periods_per_day + period`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Slot(pub u16);

impl Slot {
    /// The position of this slot in the week.
    #[inline]
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// Any resource a lesson can use or a constraint can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    /// A teacher.
    Teacher(TeacherId),
    /// A group of students.
    Group(GroupId),
    /// A room.
    Room(RoomId),
    /// A course (as the subject of a constraint).
    Course(CourseId),
}
