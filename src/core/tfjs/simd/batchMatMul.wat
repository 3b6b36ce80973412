;; Batched matrix product C_t = A_t B_t for float32 matrices in the TensorFlow.js WASM backend's own
;; heap (imported as env.memory), with 128-bit SIMD. tfjs-backend-wasm hands a product with more
;; than one matrix per operand to a plain scalar loop (about 1 GFLOP/s here); the conv nets and the
;; sinusoid engine run many such small per-task products.
;;
;; C_t is [m x n], row-major; pointers and strides in bytes. A stride of 0 repeats one matrix for
;; every t (a broadcast batch). A_t[i, p] is read at i * aRowStep + p * aColStep, so A_t may be
;; stored [m x k] (k * 4, 4) or, for a transpose flag, [k x m] (4, m * 4). `batchMatMul` reads
;; B_t stored [k x n]; each output row is built in blocks of 16 columns (four vector accumulators
;; held in locals across the whole k loop), then blocks of 4, then single columns.
;; `batchMatMulTransposedB` reads B_t stored [n x k] (a transpose flag on B), four columns at a
;; time from four rows of it. Either way every C element is the sum over p in order 0..k-1 of
;; A[i,p] * B[p,j], each product rounded then added, as tfjs's scalar loop does, so a flag gives
;; the same numbers as an explicit transpose followed by the product.
;;
;; `npm run build:simd` compiles this file into simdBinaries.ts (one module for an unshared heap,
;; one for the threaded build's shared heap); a unit test checks the two agree.
(module
  (import "env" "memory" (memory 0))
  (func (export "batchMatMul")
    (param $a i32) (param $b i32) (param $c i32) (param $batch i32)
    (param $m i32) (param $k i32) (param $n i32) (param $aStride i32) (param $bStride i32)
    (param $aRowStep i32) (param $aColStep i32)
    (local $t i32) (local $i i32) (local $j i32)
    (local $aMat i32) (local $bMat i32) (local $aRow i32) (local $aEnd i32) (local $cRow i32)
    (local $pa i32) (local $pb i32) (local $rowBytes i32)
    (local $av v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $sum f32)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $cRow (local.get $c))
    (block $tasksDone
      (loop $tasks
        (br_if $tasksDone (i32.ge_u (local.get $t) (local.get $batch)))
        (local.set $aMat (i32.add (local.get $a) (i32.mul (local.get $t) (local.get $aStride))))
        (local.set $bMat (i32.add (local.get $b) (i32.mul (local.get $t) (local.get $bStride))))
        (local.set $i (i32.const 0))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $m)))
            (local.set $aRow (i32.add (local.get $aMat) (i32.mul (local.get $i) (local.get $aRowStep))))
            (local.set $aEnd (i32.add (local.get $aRow) (i32.mul (local.get $k) (local.get $aColStep))))
            (local.set $j (i32.const 0))
            ;; Sixteen columns at a time.
            (block $wideDone
              (loop $wide
                (br_if $wideDone (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $n)))
                (local.set $s0 (v128.const i32x4 0 0 0 0))
                (local.set $s1 (v128.const i32x4 0 0 0 0))
                (local.set $s2 (v128.const i32x4 0 0 0 0))
                (local.set $s3 (v128.const i32x4 0 0 0 0))
                (local.set $pa (local.get $aRow))
                (local.set $pb (i32.add (local.get $bMat) (i32.shl (local.get $j) (i32.const 2))))
                (block $innerDone
                  (loop $inner
                    (br_if $innerDone (i32.ge_u (local.get $pa) (local.get $aEnd)))
                    (local.set $av (f32x4.splat (f32.load (local.get $pa))))
                    (local.set $s0 (f32x4.add (local.get $s0)
                      (f32x4.mul (local.get $av) (v128.load (local.get $pb)))))
                    (local.set $s1 (f32x4.add (local.get $s1)
                      (f32x4.mul (local.get $av) (v128.load offset=16 (local.get $pb)))))
                    (local.set $s2 (f32x4.add (local.get $s2)
                      (f32x4.mul (local.get $av) (v128.load offset=32 (local.get $pb)))))
                    (local.set $s3 (f32x4.add (local.get $s3)
                      (f32x4.mul (local.get $av) (v128.load offset=48 (local.get $pb)))))
                    (local.set $pa (i32.add (local.get $pa) (local.get $aColStep)))
                    (local.set $pb (i32.add (local.get $pb) (local.get $rowBytes)))
                    (br $inner)))
                (v128.store (i32.add (local.get $cRow) (i32.shl (local.get $j) (i32.const 2)))
                  (local.get $s0))
                (v128.store offset=16 (i32.add (local.get $cRow) (i32.shl (local.get $j) (i32.const 2)))
                  (local.get $s1))
                (v128.store offset=32 (i32.add (local.get $cRow) (i32.shl (local.get $j) (i32.const 2)))
                  (local.get $s2))
                (v128.store offset=48 (i32.add (local.get $cRow) (i32.shl (local.get $j) (i32.const 2)))
                  (local.get $s3))
                (local.set $j (i32.add (local.get $j) (i32.const 16)))
                (br $wide)))
            ;; Four columns at a time.
            (block $narrowDone
              (loop $narrow
                (br_if $narrowDone (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
                (local.set $s0 (v128.const i32x4 0 0 0 0))
                (local.set $pa (local.get $aRow))
                (local.set $pb (i32.add (local.get $bMat) (i32.shl (local.get $j) (i32.const 2))))
                (block $innerDone
                  (loop $inner
                    (br_if $innerDone (i32.ge_u (local.get $pa) (local.get $aEnd)))
                    (local.set $s0 (f32x4.add (local.get $s0)
                      (f32x4.mul (f32x4.splat (f32.load (local.get $pa))) (v128.load (local.get $pb)))))
                    (local.set $pa (i32.add (local.get $pa) (local.get $aColStep)))
                    (local.set $pb (i32.add (local.get $pb) (local.get $rowBytes)))
                    (br $inner)))
                (v128.store (i32.add (local.get $cRow) (i32.shl (local.get $j) (i32.const 2)))
                  (local.get $s0))
                (local.set $j (i32.add (local.get $j) (i32.const 4)))
                (br $narrow)))
            ;; The last columns one at a time.
            (block $singleDone
              (loop $single
                (br_if $singleDone (i32.ge_u (local.get $j) (local.get $n)))
                (local.set $sum (f32.const 0))
                (local.set $pa (local.get $aRow))
                (local.set $pb (i32.add (local.get $bMat) (i32.shl (local.get $j) (i32.const 2))))
                (block $innerDone
                  (loop $inner
                    (br_if $innerDone (i32.ge_u (local.get $pa) (local.get $aEnd)))
                    (local.set $sum (f32.add (local.get $sum)
                      (f32.mul (f32.load (local.get $pa)) (f32.load (local.get $pb)))))
                    (local.set $pa (i32.add (local.get $pa) (local.get $aColStep)))
                    (local.set $pb (i32.add (local.get $pb) (local.get $rowBytes)))
                    (br $inner)))
                (f32.store (i32.add (local.get $cRow) (i32.shl (local.get $j) (i32.const 2)))
                  (local.get $sum))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $single)))
            (local.set $cRow (i32.add (local.get $cRow) (local.get $rowBytes)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $rows)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $tasks))))
  (func (export "batchMatMulTransposedB")
    (param $a i32) (param $b i32) (param $c i32) (param $batch i32)
    (param $m i32) (param $k i32) (param $n i32) (param $aStride i32) (param $bStride i32)
    (param $aRowStep i32) (param $aColStep i32)
    (local $t i32) (local $i i32) (local $j i32)
    (local $aMat i32) (local $bMat i32) (local $aRow i32) (local $aEnd i32) (local $cRow i32)
    (local $pa i32) (local $pb i32) (local $bRowBytes i32)
    (local $bv v128) (local $s0 v128) (local $sum f32)
    ;; B_t[p, j] is at j * bRowBytes + p * 4.
    (local.set $bRowBytes (i32.shl (local.get $k) (i32.const 2)))
    (local.set $cRow (local.get $c))
    (block $tasksDone
      (loop $tasks
        (br_if $tasksDone (i32.ge_u (local.get $t) (local.get $batch)))
        (local.set $aMat (i32.add (local.get $a) (i32.mul (local.get $t) (local.get $aStride))))
        (local.set $bMat (i32.add (local.get $b) (i32.mul (local.get $t) (local.get $bStride))))
        (local.set $i (i32.const 0))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $m)))
            (local.set $aRow (i32.add (local.get $aMat) (i32.mul (local.get $i) (local.get $aRowStep))))
            (local.set $aEnd (i32.add (local.get $aRow) (i32.mul (local.get $k) (local.get $aColStep))))
            (local.set $j (i32.const 0))
            ;; Four columns at a time: lane q of the accumulator is column j + q.
            (block $narrowDone
              (loop $narrow
                (br_if $narrowDone (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
                (local.set $s0 (v128.const i32x4 0 0 0 0))
                (local.set $pa (local.get $aRow))
                (local.set $pb (i32.add (local.get $bMat) (i32.mul (local.get $j) (local.get $bRowBytes))))
                (block $innerDone
                  (loop $inner
                    (br_if $innerDone (i32.ge_u (local.get $pa) (local.get $aEnd)))
                    (local.set $bv (f32x4.splat (f32.load (local.get $pb))))
                    (local.set $bv (f32x4.replace_lane 1 (local.get $bv)
                      (f32.load (i32.add (local.get $pb) (local.get $bRowBytes)))))
                    (local.set $bv (f32x4.replace_lane 2 (local.get $bv)
                      (f32.load (i32.add (local.get $pb) (i32.shl (local.get $bRowBytes) (i32.const 1))))))
                    (local.set $bv (f32x4.replace_lane 3 (local.get $bv)
                      (f32.load (i32.add (local.get $pb) (i32.mul (local.get $bRowBytes) (i32.const 3))))))
                    (local.set $s0 (f32x4.add (local.get $s0)
                      (f32x4.mul (f32x4.splat (f32.load (local.get $pa))) (local.get $bv))))
                    (local.set $pa (i32.add (local.get $pa) (local.get $aColStep)))
                    (local.set $pb (i32.add (local.get $pb) (i32.const 4)))
                    (br $inner)))
                (v128.store (i32.add (local.get $cRow) (i32.shl (local.get $j) (i32.const 2)))
                  (local.get $s0))
                (local.set $j (i32.add (local.get $j) (i32.const 4)))
                (br $narrow)))
            ;; The last columns one at a time.
            (block $singleDone
              (loop $single
                (br_if $singleDone (i32.ge_u (local.get $j) (local.get $n)))
                (local.set $sum (f32.const 0))
                (local.set $pa (local.get $aRow))
                (local.set $pb (i32.add (local.get $bMat) (i32.mul (local.get $j) (local.get $bRowBytes))))
                (block $innerDone
                  (loop $inner
                    (br_if $innerDone (i32.ge_u (local.get $pa) (local.get $aEnd)))
                    (local.set $sum (f32.add (local.get $sum)
                      (f32.mul (f32.load (local.get $pa)) (f32.load (local.get $pb)))))
                    (local.set $pa (i32.add (local.get $pa) (local.get $aColStep)))
                    (local.set $pb (i32.add (local.get $pb) (i32.const 4)))
                    (br $inner)))
                (f32.store (i32.add (local.get $cRow) (i32.shl (local.get $j) (i32.const 2)))
                  (local.get $sum))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $single)))
            (local.set $cRow (i32.add (local.get $cRow) (i32.shl (local.get $n) (i32.const 2))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $rows)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $tasks)))))
