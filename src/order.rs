//! The core's one sort: a heapsort, O(n log n) at worst and with no allocation, in far
//! less code than the standard library's sorts. Each `sort_unstable` instantiation cost
//! the wasm about 2 KB (four of them, for problems, changes, ID problems and right names,
//! were ~8 KB of the form's module, issue 11); this one costs a few hundred bytes each.

/// Sorts `items` so that `key` ascends. Not stable: items with equal keys may end in any
/// order, so every caller's key tells any two different items apart.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    let less = |a: &T, b: &T| key(a) < key(b);
    // Make a max-heap, then move its top to the end of the shrinking heap, one at a time.
    let len = items.len();
    for node in (0..len / 2).rev() {
        sift_down(items, node, len, &less);
    }
    for end in (1..len).rev() {
        items.swap(0, end);
        sift_down(items, 0, end, &less);
    }
}

/// Moves `items[node]` down the heap `items[..end]` until no child is greater.
fn sift_down<T>(items: &mut [T], mut node: usize, end: usize, less: &impl Fn(&T, &T) -> bool) {
    loop {
        let mut child = 2 * node + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(&items[child], &items[child + 1]) {
            child += 1;
        }
        if !less(&items[node], &items[child]) {
            return;
        }
        items.swap(node, child);
        node = child;
    }
}

#[cfg(test)]
mod tests {
    use super::sort_by_key;

    /// Sorts `input` by value and checks it against the standard library's sort.
    fn sorts(input: &[u32]) {
        let mut ours = input.to_vec();
        sort_by_key(&mut ours, |&n| n);
        let mut std = input.to_vec();
        std.sort_unstable();
        assert_eq!(ours, std, "input {input:?}");
    }

    #[test]
    fn sorts_like_the_standard_library() {
        sorts(&[]);
        sorts(&[7]);
        sorts(&[2, 1]);
        sorts(&[1, 2, 3, 4, 5]);
        sorts(&[5, 4, 3, 2, 1]);
        sorts(&[3, 1, 3, 1, 2, 2]);
        sorts(&[9, 0, 8, 1, 7, 2, 6, 3, 5, 4, 4, 10, 0]);
        sorts(&(0..1000).map(|n| (n * 7919) % 1009).collect::<Vec<_>>());
    }

    #[test]
    fn sorts_by_the_key() {
        let mut words = ["pear", "fig", "banana", "kiwi"];
        sort_by_key(&mut words, |word| (word.len(), *word));
        assert_eq!(words, ["fig", "kiwi", "pear", "banana"]);
    }
}
