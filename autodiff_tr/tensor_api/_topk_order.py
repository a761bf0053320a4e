"""The order in which PyTorch's CPU `topk` leaves equal values, for `multinomial`.

`multinomial` without replacement ranks the categories by `p / q` and takes PyTorch's
`topk` of them (see `random._sample_categories`). Categories of weight 0 all rank 0.0: when more
samples are asked for than there are categories of positive weight, PyTorch returns some of
those zeros, in the order its C++ library's selection algorithms leave equal values.
ATen's `topk_impl_loop` (TopKImpl.h) runs libstdc++'s `std::partial_sort` when
`k * 64 <= n`, else `std::nth_element` and then `std::sort` of the first k - 1; this module
repeats those algorithms (introselect, introsort with a threshold of 16, the heap functions) step
by step on (value, index) pairs, comparing values only, as they do. Plain Python loops: it runs
only for a row where such ties are taken.
"""


def _lg(n):
    return n.bit_length() - 1


def topk_order(values, k):
    """The indices of the k largest `values`, largest first, in the order PyTorch's CPU topk
    leaves equal values: libstdc++'s partial_sort when k * 64 <= n, else nth_element and a sort
    of the first k - 1 (TopKImpl.h)."""
    q = [(float(v), j) for j, v in enumerate(values)]
    n = len(q)

    def comp(x, y):
        return x[0] > y[0]

    def push_heap(first, hole, top, value):
        parent = (hole - 1) // 2
        while hole > top and comp(q[first + parent], value):
            q[first + hole] = q[first + parent]
            hole = parent
            parent = (hole - 1) // 2
        q[first + hole] = value

    def adjust_heap(first, hole, length, value):
        top = hole
        child = hole
        while child < (length - 1) // 2:
            child = 2 * (child + 1)
            if comp(q[first + child], q[first + child - 1]):
                child -= 1
            q[first + hole] = q[first + child]
            hole = child
        if length % 2 == 0 and child == (length - 2) // 2:
            child = 2 * (child + 1)
            q[first + hole] = q[first + child - 1]
            hole = child - 1
        push_heap(first, hole, top, value)

    def make_heap(first, last):
        length = last - first
        if length < 2:
            return
        parent = (length - 2) // 2
        while True:
            adjust_heap(first, parent, length, q[first + parent])
            if parent == 0:
                return
            parent -= 1

    def pop_heap(first, last, result):
        value = q[result]
        q[result] = q[first]
        adjust_heap(first, 0, last - first, value)

    def heap_select(first, middle, last):
        make_heap(first, middle)
        for i in range(middle, last):
            if comp(q[i], q[first]):
                pop_heap(first, middle, i)

    def sort_heap(first, last):
        while last - first > 1:
            last -= 1
            pop_heap(first, last, last)

    def swap(a, b):
        q[a], q[b] = q[b], q[a]

    def move_median_to_first(result, a, b, c):
        if comp(q[a], q[b]):
            if comp(q[b], q[c]):
                swap(result, b)
            elif comp(q[a], q[c]):
                swap(result, c)
            else:
                swap(result, a)
        elif comp(q[a], q[c]):
            swap(result, a)
        elif comp(q[b], q[c]):
            swap(result, c)
        else:
            swap(result, b)

    def unguarded_partition(first, last, pivot):
        while True:
            while comp(q[first], q[pivot]):
                first += 1
            last -= 1
            while comp(q[pivot], q[last]):
                last -= 1
            if not first < last:
                return first
            swap(first, last)
            first += 1

    def partition_pivot(first, last):
        mid = first + (last - first) // 2
        move_median_to_first(first, first + 1, mid, last - 1)
        return unguarded_partition(first + 1, last, first)

    def unguarded_linear_insert(last):
        value = q[last]
        nxt = last - 1
        while comp(value, q[nxt]):
            q[last] = q[nxt]
            last = nxt
            nxt -= 1
        q[last] = value

    def insertion_sort(first, last):
        if first == last:
            return
        for i in range(first + 1, last):
            if comp(q[i], q[first]):
                value = q[i]
                q[first + 1:i + 1] = q[first:i]
                q[first] = value
            else:
                unguarded_linear_insert(i)

    def introsort_loop(first, last, depth):
        while last - first > 16:
            if depth == 0:
                heap_select(first, last, last)
                sort_heap(first, last)
                return
            depth -= 1
            cut = partition_pivot(first, last)
            introsort_loop(cut, last, depth)
            last = cut

    def sort(first, last):
        if first == last:
            return
        introsort_loop(first, last, _lg(last - first) * 2)
        if last - first > 16:
            insertion_sort(first, first + 16)
            for i in range(first + 16, last):
                unguarded_linear_insert(i)
        else:
            insertion_sort(first, last)

    def nth_element(first, nth, last):
        if first == last or nth == last:
            return
        depth = _lg(last - first) * 2
        while last - first > 3:
            if depth == 0:
                heap_select(first, nth + 1, last)
                swap(first, nth)
                return
            depth -= 1
            cut = partition_pivot(first, last)
            if cut <= nth:
                first = cut
            else:
                last = cut
        insertion_sort(first, last)

    if k * 64 <= n:
        heap_select(0, k, n)
        sort_heap(0, k)
    else:
        nth_element(0, k - 1, n)
        sort(0, k - 1)
    return [j for _, j in q[:k]]
