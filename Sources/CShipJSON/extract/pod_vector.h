// pod_vector.h — a growable array of trivially copyable values, for the extraction's hot appends.
#ifndef SHIPKPI_SJ_POD_VECTOR_H
#define SHIPKPI_SJ_POD_VECTOR_H

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <type_traits>

namespace sj {

/// What `std::vector` does for frames, values and the arena, minus its generic paths: appending
/// n zeroed values is one memset (vector::resize value-initialises element by element) and
/// appending bytes one memcpy (vector::insert goes through _M_range_insert). Measured with
/// callgrind: those two were ~10 % of the instructions per document.
///
/// Out of memory aborts, as std::vector does in code built with -fno-exceptions.
template <class T>
class PodVector {
    static_assert(std::is_trivially_copyable<T>::value, "PodVector holds plain C values");

public:
    PodVector() = default;
    PodVector(const PodVector &) = delete;
    PodVector &operator=(const PodVector &) = delete;
    ~PodVector() { std::free(data_); }

    T *data() { return data_; }
    const T *data() const { return data_; }
    size_t size() const { return size_; }
    size_t capacity() const { return capacity_; }
    bool empty() const { return size_ == 0; }
    T &operator[](size_t i) { return data_[i]; }
    const T &operator[](size_t i) const { return data_[i]; }
    void clear() { size_ = 0; }

    void push_back(const T &v) {
        if (size_ == capacity_) grow(size_ + 1);
        data_[size_++] = v;
    }

    /// Appends `n` values whose bytes are all zero.
    void append_zeroed(size_t n) {
        if (capacity_ - size_ < n) grow(size_ + n);
        std::memset(static_cast<void *>(data_ + size_), 0, n * sizeof(T));
        size_ += n;
    }

    void append(const T *p, size_t n) {
        if (n == 0) return;
        if (capacity_ - size_ < n) grow(size_ + n);
        std::memcpy(static_cast<void *>(data_ + size_), p, n * sizeof(T));
        size_ += n;
    }

    /// Frees the storage (capacity 0).
    void release() {
        std::free(data_);
        data_ = nullptr;
        size_ = capacity_ = 0;
    }

private:
    void grow(size_t needed) {
        size_t capacity = capacity_ < 16 ? 16 : capacity_ * 2;
        if (capacity < needed) capacity = needed;
        void *p = std::realloc(static_cast<void *>(data_), capacity * sizeof(T));
        if (!p) std::abort();
        data_ = static_cast<T *>(p);
        capacity_ = capacity;
    }

    T *data_ = nullptr;
    size_t size_ = 0;
    size_t capacity_ = 0;
};

} // namespace sj

#endif
