"""autodiff_tr.engine._format against repr() strings recorded from PyTorch 2.13.0 (CPU).

Every expected string in CASES was printed by real torch for ``torch.from_numpy(values)`` (plus
``requires_grad_()`` or ``* 1`` for the suffix cases) and is pasted verbatim: these tests pass
``dtype_name="torch.<name>"`` so that the dtype suffix, and therefore torch's line wrapping, is
byte-identical. The one edit: empty int64/bool tensors, whose dtype ``format_tensor`` names
itself (``dtype_name=None``), read ``dtype=autodiff_tr.`` instead of ``dtype=torch.``.
Torch itself is not imported here.
"""

import numpy as np
import pytest

from autodiff_tr.engine._format import format_tensor

_DEFAULT = (np.dtype(np.float32), np.dtype(np.int64), np.dtype(np.bool_))
_SUFFIX = {None: [], "requires_grad": ["requires_grad=True"], "grad_fn": ["grad_fn=<MulBackward0>"]}


def _dtype_name(values):
    return None if values.dtype in _DEFAULT else f"torch.{values.dtype.name}"


CASES = [
    pytest.param(
        np.arange(4, dtype=np.float32),
        None,
        "tensor([0., 1., 2., 3.])",
        id="arange4",
    ),
    pytest.param(
        np.arange(4, dtype=np.float32) * 4,
        None,
        "tensor([ 0.,  4.,  8., 12.])",
        id="arange4_times4",
    ),
    pytest.param(
        np.array(28.0, dtype=np.float32),
        "grad_fn",
        "tensor(28., grad_fn=<MulBackward0>)",
        id="scalar_grad_fn",
    ),
    pytest.param(
        np.array([True, True, True, True]),
        None,
        "tensor([True, True, True, True])",
        id="bool_all_true",
    ),
    pytest.param(
        np.arange(4, dtype=np.float32),
        "requires_grad",
        "tensor([0., 1., 2., 3.], requires_grad=True)",
        id="arange4_requires_grad",
    ),
    pytest.param(
        np.linspace(0, 2 * np.pi, 25).astype(np.float32),
        None,
        (
            "tensor([0.0000, 0.2618, 0.5236, 0.7854, 1.0472, 1.3090, 1.5708, 1.8326, 2.0944,\n"
            "        2.3562, 2.6180, 2.8798, 3.1416, 3.4034, 3.6652, 3.9270, 4.1888, 4.4506,\n"
            "        4.7124, 4.9742, 5.2360, 5.4978, 5.7596, 6.0214, 6.2832])"
        ),
        id="linspace_2pi",
    ),
    pytest.param(
        np.linspace(0, 2 * np.pi, 25).astype(np.float32),
        "requires_grad",
        (
            "tensor([0.0000, 0.2618, 0.5236, 0.7854, 1.0472, 1.3090, 1.5708, 1.8326, 2.0944,\n"
            "        2.3562, 2.6180, 2.8798, 3.1416, 3.4034, 3.6652, 3.9270, 4.1888, 4.4506,\n"
            "        4.7124, 4.9742, 5.2360, 5.4978, 5.7596, 6.0214, 6.2832],\n"
            "       requires_grad=True)"
        ),
        id="linspace_2pi_requires_grad",
    ),
    pytest.param(
        np.sin(np.linspace(0, 2 * np.pi, 25).astype(np.float32)),
        None,
        (
            "tensor([ 0.0000e+00,  2.5882e-01,  5.0000e-01,  7.0711e-01,  8.6603e-01,\n"
            "         9.6593e-01,  1.0000e+00,  9.6593e-01,  8.6603e-01,  7.0711e-01,\n"
            "         5.0000e-01,  2.5882e-01, -8.7423e-08, -2.5882e-01, -5.0000e-01,\n"
            "        -7.0711e-01, -8.6603e-01, -9.6593e-01, -1.0000e+00, -9.6593e-01,\n"
            "        -8.6603e-01, -7.0711e-01, -5.0000e-01, -2.5882e-01,  1.7485e-07])"
        ),
        id="sin_linspace",
    ),
    pytest.param(
        np.sin(np.linspace(0, 2 * np.pi, 25).astype(np.float32)),
        "grad_fn",
        (
            "tensor([ 0.0000e+00,  2.5882e-01,  5.0000e-01,  7.0711e-01,  8.6603e-01,\n"
            "         9.6593e-01,  1.0000e+00,  9.6593e-01,  8.6603e-01,  7.0711e-01,\n"
            "         5.0000e-01,  2.5882e-01, -8.7423e-08, -2.5882e-01, -5.0000e-01,\n"
            "        -7.0711e-01, -8.6603e-01, -9.6593e-01, -1.0000e+00, -9.6593e-01,\n"
            "        -8.6603e-01, -7.0711e-01, -5.0000e-01, -2.5882e-01,  1.7485e-07],\n"
            "       grad_fn=<MulBackward0>)"
        ),
        id="sin_linspace_grad_fn",
    ),
    pytest.param(
        np.cos(np.linspace(0, 6.28, 25, dtype=np.float32)),
        None,
        (
            "tensor([ 1.0000e+00,  9.6596e-01,  8.6616e-01,  7.0739e-01,  5.0046e-01,\n"
            "         2.5946e-01,  7.9627e-04, -2.5792e-01, -4.9908e-01, -7.0626e-01,\n"
            "        -8.6536e-01, -9.6555e-01, -1.0000e+00, -9.6637e-01, -8.6695e-01,\n"
            "        -7.0851e-01, -5.0184e-01, -2.6100e-01, -2.3889e-03,  2.5638e-01,\n"
            "         4.9770e-01,  7.0513e-01,  8.6456e-01,  9.6513e-01,  9.9999e-01])"
        ),
        id="cos_linspace_6_28",
    ),
    pytest.param(
        np.array([1e10, 1.0, 2.5], dtype=np.float32),
        None,
        "tensor([1.0000e+10, 1.0000e+00, 2.5000e+00])",
        id="large_magnitude",
    ),
    pytest.param(
        np.array([1e-5, 0.5], dtype=np.float32),
        None,
        "tensor([1.0000e-05, 5.0000e-01])",
        id="small_magnitude",
    ),
    pytest.param(
        np.array([0.001, 2.0], dtype=np.float32),
        None,
        "tensor([1.0000e-03, 2.0000e+00])",
        id="ratio_over_1000",
    ),
    pytest.param(
        np.array([0.001, 1.0], dtype=np.float64),
        None,
        "tensor([0.0010, 1.0000], dtype=torch.float64)",
        id="ratio_exactly_1000",
    ),
    pytest.param(
        np.array([1e10, 1.0, -3.0], dtype=np.float32),
        None,
        "tensor([ 1.0000e+10,  1.0000e+00, -3.0000e+00])",
        id="int_mode_sci",
    ),
    pytest.param(
        np.array([100000.0, 1.0], dtype=np.float32),
        None,
        "tensor([1.0000e+05, 1.0000e+00])",
        id="int_mode_ratio_sci",
    ),
    pytest.param(
        np.array([-1000.0, 5.0, 20.0], dtype=np.float32),
        None,
        "tensor([-1000.,     5.,    20.])",
        id="int_mode_wide",
    ),
    pytest.param(
        np.array([-1.5, 2.25, 0.0, -0.125], dtype=np.float32),
        None,
        "tensor([-1.5000,  2.2500,  0.0000, -0.1250])",
        id="mixed_signs",
    ),
    pytest.param(
        np.array([-1e-6, 3.0, 0.0, 2e5], dtype=np.float32),
        None,
        "tensor([-1.0000e-06,  3.0000e+00,  0.0000e+00,  2.0000e+05])",
        id="mixed_signs_sci",
    ),
    pytest.param(
        np.array([np.nan, np.inf, -np.inf, 1.5], dtype=np.float32),
        None,
        "tensor([   nan,    inf,   -inf, 1.5000])",
        id="nan_inf",
    ),
    pytest.param(
        np.array([np.nan, 1.0, -np.inf, 12.0], dtype=np.float32),
        None,
        "tensor([nan,  1., -inf, 12.])",
        id="nan_inf_int_mode",
    ),
    pytest.param(
        np.array([np.nan, 1e-7, np.inf], dtype=np.float32),
        None,
        "tensor([       nan, 1.0000e-07,        inf])",
        id="nan_inf_sci",
    ),
    pytest.param(
        np.array([np.nan, np.nan], dtype=np.float32),
        None,
        "tensor([nan, nan])",
        id="all_nan",
    ),
    pytest.param(
        np.zeros(3, dtype=np.float32),
        None,
        "tensor([0., 0., 0.])",
        id="all_zero",
    ),
    pytest.param(
        np.array([-0.0, 1.0], dtype=np.float32),
        None,
        "tensor([-0., 1.])",
        id="negative_zero",
    ),
    pytest.param(
        np.array([-0.0, 1.5], dtype=np.float32),
        None,
        "tensor([-0.0000, 1.5000])",
        id="negative_zero_frac",
    ),
    pytest.param(
        np.arange(6, dtype=np.float32).reshape(2, 3) / 3,
        None,
        ("tensor([[0.0000, 0.3333, 0.6667],\n        [1.0000, 1.3333, 1.6667]])"),
        id="matrix_2d",
    ),
    pytest.param(
        np.arange(6, dtype=np.float32).reshape(2, 3) / 3,
        "requires_grad",
        (
            "tensor([[0.0000, 0.3333, 0.6667],\n"
            "        [1.0000, 1.3333, 1.6667]], requires_grad=True)"
        ),
        id="matrix_2d_requires_grad",
    ),
    pytest.param(
        np.arange(24, dtype=np.float32).reshape(2, 3, 4) - 10,
        None,
        (
            "tensor([[[-10.,  -9.,  -8.,  -7.],\n"
            "         [ -6.,  -5.,  -4.,  -3.],\n"
            "         [ -2.,  -1.,   0.,   1.]],\n"
            "\n"
            "        [[  2.,   3.,   4.,   5.],\n"
            "         [  6.,   7.,   8.,   9.],\n"
            "         [ 10.,  11.,  12.,  13.]]])"
        ),
        id="tensor_3d",
    ),
    pytest.param(
        np.arange(24).reshape(2, 3, 4),
        None,
        (
            "tensor([[[ 0,  1,  2,  3],\n"
            "         [ 4,  5,  6,  7],\n"
            "         [ 8,  9, 10, 11]],\n"
            "\n"
            "        [[12, 13, 14, 15],\n"
            "         [16, 17, 18, 19],\n"
            "         [20, 21, 22, 23]]])"
        ),
        id="tensor_3d_int",
    ),
    pytest.param(
        np.arange(16, dtype=np.float32).reshape(2, 2, 2, 2) * 0.5,
        None,
        (
            "tensor([[[[0.0000, 0.5000],\n"
            "          [1.0000, 1.5000]],\n"
            "\n"
            "         [[2.0000, 2.5000],\n"
            "          [3.0000, 3.5000]]],\n"
            "\n"
            "\n"
            "        [[[4.0000, 4.5000],\n"
            "          [5.0000, 5.5000]],\n"
            "\n"
            "         [[6.0000, 6.5000],\n"
            "          [7.0000, 7.5000]]]])"
        ),
        id="tensor_4d",
    ),
    pytest.param(
        np.array([[-1, 10], [100, -1000]]),
        None,
        ("tensor([[   -1,    10],\n        [  100, -1000]])"),
        id="int_matrix_neg",
    ),
    pytest.param(
        np.arange(2000, dtype=np.float32),
        None,
        (
            "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n"
            "        1.9990e+03])"
        ),
        id="summarized_1d",
    ),
    pytest.param(
        np.arange(1001, dtype=np.float32) / 7,
        None,
        "tensor([  0.0000,   0.1429,   0.2857,  ..., 142.5714, 142.7143, 142.8571])",
        id="summarized_1d_frac",
    ),
    pytest.param(
        np.arange(1000),
        None,
        (
            "tensor([  0,   1,   2,   3,   4,   5,   6,   7,   8,   9,  10,  11,  12,  13,\n"
            "         14,  15,  16,  17,  18,  19,  20,  21,  22,  23,  24,  25,  26,  27,\n"
            "         28,  29,  30,  31,  32,  33,  34,  35,  36,  37,  38,  39,  40,  41,\n"
            "         42,  43,  44,  45,  46,  47,  48,  49,  50,  51,  52,  53,  54,  55,\n"
            "         56,  57,  58,  59,  60,  61,  62,  63,  64,  65,  66,  67,  68,  69,\n"
            "         70,  71,  72,  73,  74,  75,  76,  77,  78,  79,  80,  81,  82,  83,\n"
            "         84,  85,  86,  87,  88,  89,  90,  91,  92,  93,  94,  95,  96,  97,\n"
            "         98,  99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,\n"
            "        112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125,\n"
            "        126, 127, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139,\n"
            "        140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152, 153,\n"
            "        154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167,\n"
            "        168, 169, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179, 180, 181,\n"
            "        182, 183, 184, 185, 186, 187, 188, 189, 190, 191, 192, 193, 194, 195,\n"
            "        196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207, 208, 209,\n"
            "        210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223,\n"
            "        224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237,\n"
            "        238, 239, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251,\n"
            "        252, 253, 254, 255, 256, 257, 258, 259, 260, 261, 262, 263, 264, 265,\n"
            "        266, 267, 268, 269, 270, 271, 272, 273, 274, 275, 276, 277, 278, 279,\n"
            "        280, 281, 282, 283, 284, 285, 286, 287, 288, 289, 290, 291, 292, 293,\n"
            "        294, 295, 296, 297, 298, 299, 300, 301, 302, 303, 304, 305, 306, 307,\n"
            "        308, 309, 310, 311, 312, 313, 314, 315, 316, 317, 318, 319, 320, 321,\n"
            "        322, 323, 324, 325, 326, 327, 328, 329, 330, 331, 332, 333, 334, 335,\n"
            "        336, 337, 338, 339, 340, 341, 342, 343, 344, 345, 346, 347, 348, 349,\n"
            "        350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 360, 361, 362, 363,\n"
            "        364, 365, 366, 367, 368, 369, 370, 371, 372, 373, 374, 375, 376, 377,\n"
            "        378, 379, 380, 381, 382, 383, 384, 385, 386, 387, 388, 389, 390, 391,\n"
            "        392, 393, 394, 395, 396, 397, 398, 399, 400, 401, 402, 403, 404, 405,\n"
            "        406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 419,\n"
            "        420, 421, 422, 423, 424, 425, 426, 427, 428, 429, 430, 431, 432, 433,\n"
            "        434, 435, 436, 437, 438, 439, 440, 441, 442, 443, 444, 445, 446, 447,\n"
            "        448, 449, 450, 451, 452, 453, 454, 455, 456, 457, 458, 459, 460, 461,\n"
            "        462, 463, 464, 465, 466, 467, 468, 469, 470, 471, 472, 473, 474, 475,\n"
            "        476, 477, 478, 479, 480, 481, 482, 483, 484, 485, 486, 487, 488, 489,\n"
            "        490, 491, 492, 493, 494, 495, 496, 497, 498, 499, 500, 501, 502, 503,\n"
            "        504, 505, 506, 507, 508, 509, 510, 511, 512, 513, 514, 515, 516, 517,\n"
            "        518, 519, 520, 521, 522, 523, 524, 525, 526, 527, 528, 529, 530, 531,\n"
            "        532, 533, 534, 535, 536, 537, 538, 539, 540, 541, 542, 543, 544, 545,\n"
            "        546, 547, 548, 549, 550, 551, 552, 553, 554, 555, 556, 557, 558, 559,\n"
            "        560, 561, 562, 563, 564, 565, 566, 567, 568, 569, 570, 571, 572, 573,\n"
            "        574, 575, 576, 577, 578, 579, 580, 581, 582, 583, 584, 585, 586, 587,\n"
            "        588, 589, 590, 591, 592, 593, 594, 595, 596, 597, 598, 599, 600, 601,\n"
            "        602, 603, 604, 605, 606, 607, 608, 609, 610, 611, 612, 613, 614, 615,\n"
            "        616, 617, 618, 619, 620, 621, 622, 623, 624, 625, 626, 627, 628, 629,\n"
            "        630, 631, 632, 633, 634, 635, 636, 637, 638, 639, 640, 641, 642, 643,\n"
            "        644, 645, 646, 647, 648, 649, 650, 651, 652, 653, 654, 655, 656, 657,\n"
            "        658, 659, 660, 661, 662, 663, 664, 665, 666, 667, 668, 669, 670, 671,\n"
            "        672, 673, 674, 675, 676, 677, 678, 679, 680, 681, 682, 683, 684, 685,\n"
            "        686, 687, 688, 689, 690, 691, 692, 693, 694, 695, 696, 697, 698, 699,\n"
            "        700, 701, 702, 703, 704, 705, 706, 707, 708, 709, 710, 711, 712, 713,\n"
            "        714, 715, 716, 717, 718, 719, 720, 721, 722, 723, 724, 725, 726, 727,\n"
            "        728, 729, 730, 731, 732, 733, 734, 735, 736, 737, 738, 739, 740, 741,\n"
            "        742, 743, 744, 745, 746, 747, 748, 749, 750, 751, 752, 753, 754, 755,\n"
            "        756, 757, 758, 759, 760, 761, 762, 763, 764, 765, 766, 767, 768, 769,\n"
            "        770, 771, 772, 773, 774, 775, 776, 777, 778, 779, 780, 781, 782, 783,\n"
            "        784, 785, 786, 787, 788, 789, 790, 791, 792, 793, 794, 795, 796, 797,\n"
            "        798, 799, 800, 801, 802, 803, 804, 805, 806, 807, 808, 809, 810, 811,\n"
            "        812, 813, 814, 815, 816, 817, 818, 819, 820, 821, 822, 823, 824, 825,\n"
            "        826, 827, 828, 829, 830, 831, 832, 833, 834, 835, 836, 837, 838, 839,\n"
            "        840, 841, 842, 843, 844, 845, 846, 847, 848, 849, 850, 851, 852, 853,\n"
            "        854, 855, 856, 857, 858, 859, 860, 861, 862, 863, 864, 865, 866, 867,\n"
            "        868, 869, 870, 871, 872, 873, 874, 875, 876, 877, 878, 879, 880, 881,\n"
            "        882, 883, 884, 885, 886, 887, 888, 889, 890, 891, 892, 893, 894, 895,\n"
            "        896, 897, 898, 899, 900, 901, 902, 903, 904, 905, 906, 907, 908, 909,\n"
            "        910, 911, 912, 913, 914, 915, 916, 917, 918, 919, 920, 921, 922, 923,\n"
            "        924, 925, 926, 927, 928, 929, 930, 931, 932, 933, 934, 935, 936, 937,\n"
            "        938, 939, 940, 941, 942, 943, 944, 945, 946, 947, 948, 949, 950, 951,\n"
            "        952, 953, 954, 955, 956, 957, 958, 959, 960, 961, 962, 963, 964, 965,\n"
            "        966, 967, 968, 969, 970, 971, 972, 973, 974, 975, 976, 977, 978, 979,\n"
            "        980, 981, 982, 983, 984, 985, 986, 987, 988, 989, 990, 991, 992, 993,\n"
            "        994, 995, 996, 997, 998, 999])"
        ),
        id="not_summarized_1000",
    ),
    pytest.param(
        np.arange(2000, dtype=np.float32).reshape(40, 50) / 7,
        None,
        (
            "tensor([[0.0000e+00, 1.4286e-01, 2.8571e-01,  ..., 6.7143e+00, 6.8571e+00,\n"
            "         7.0000e+00],\n"
            "        [7.1429e+00, 7.2857e+00, 7.4286e+00,  ..., 1.3857e+01, 1.4000e+01,\n"
            "         1.4143e+01],\n"
            "        [1.4286e+01, 1.4429e+01, 1.4571e+01,  ..., 2.1000e+01, 2.1143e+01,\n"
            "         2.1286e+01],\n"
            "        ...,\n"
            "        [2.6429e+02, 2.6443e+02, 2.6457e+02,  ..., 2.7100e+02, 2.7114e+02,\n"
            "         2.7129e+02],\n"
            "        [2.7143e+02, 2.7157e+02, 2.7171e+02,  ..., 2.7814e+02, 2.7829e+02,\n"
            "         2.7843e+02],\n"
            "        [2.7857e+02, 2.7871e+02, 2.7886e+02,  ..., 2.8529e+02, 2.8543e+02,\n"
            "         2.8557e+02]])"
        ),
        id="summarized_2d",
    ),
    pytest.param(
        np.arange(2000, dtype=np.float32).reshape(2, 1000),
        None,
        (
            "tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 9.9700e+02, 9.9800e+02,\n"
            "         9.9900e+02],\n"
            "        [1.0000e+03, 1.0010e+03, 1.0020e+03,  ..., 1.9970e+03, 1.9980e+03,\n"
            "         1.9990e+03]])"
        ),
        id="summarized_2d_few_rows",
    ),
    pytest.param(
        np.arange(3000).reshape(10, 10, 30),
        None,
        (
            "tensor([[[   0,    1,    2,  ...,   27,   28,   29],\n"
            "         [  30,   31,   32,  ...,   57,   58,   59],\n"
            "         [  60,   61,   62,  ...,   87,   88,   89],\n"
            "         ...,\n"
            "         [ 210,  211,  212,  ...,  237,  238,  239],\n"
            "         [ 240,  241,  242,  ...,  267,  268,  269],\n"
            "         [ 270,  271,  272,  ...,  297,  298,  299]],\n"
            "\n"
            "        [[ 300,  301,  302,  ...,  327,  328,  329],\n"
            "         [ 330,  331,  332,  ...,  357,  358,  359],\n"
            "         [ 360,  361,  362,  ...,  387,  388,  389],\n"
            "         ...,\n"
            "         [ 510,  511,  512,  ...,  537,  538,  539],\n"
            "         [ 540,  541,  542,  ...,  567,  568,  569],\n"
            "         [ 570,  571,  572,  ...,  597,  598,  599]],\n"
            "\n"
            "        [[ 600,  601,  602,  ...,  627,  628,  629],\n"
            "         [ 630,  631,  632,  ...,  657,  658,  659],\n"
            "         [ 660,  661,  662,  ...,  687,  688,  689],\n"
            "         ...,\n"
            "         [ 810,  811,  812,  ...,  837,  838,  839],\n"
            "         [ 840,  841,  842,  ...,  867,  868,  869],\n"
            "         [ 870,  871,  872,  ...,  897,  898,  899]],\n"
            "\n"
            "        ...,\n"
            "\n"
            "        [[2100, 2101, 2102,  ..., 2127, 2128, 2129],\n"
            "         [2130, 2131, 2132,  ..., 2157, 2158, 2159],\n"
            "         [2160, 2161, 2162,  ..., 2187, 2188, 2189],\n"
            "         ...,\n"
            "         [2310, 2311, 2312,  ..., 2337, 2338, 2339],\n"
            "         [2340, 2341, 2342,  ..., 2367, 2368, 2369],\n"
            "         [2370, 2371, 2372,  ..., 2397, 2398, 2399]],\n"
            "\n"
            "        [[2400, 2401, 2402,  ..., 2427, 2428, 2429],\n"
            "         [2430, 2431, 2432,  ..., 2457, 2458, 2459],\n"
            "         [2460, 2461, 2462,  ..., 2487, 2488, 2489],\n"
            "         ...,\n"
            "         [2610, 2611, 2612,  ..., 2637, 2638, 2639],\n"
            "         [2640, 2641, 2642,  ..., 2667, 2668, 2669],\n"
            "         [2670, 2671, 2672,  ..., 2697, 2698, 2699]],\n"
            "\n"
            "        [[2700, 2701, 2702,  ..., 2727, 2728, 2729],\n"
            "         [2730, 2731, 2732,  ..., 2757, 2758, 2759],\n"
            "         [2760, 2761, 2762,  ..., 2787, 2788, 2789],\n"
            "         ...,\n"
            "         [2910, 2911, 2912,  ..., 2937, 2938, 2939],\n"
            "         [2940, 2941, 2942,  ..., 2967, 2968, 2969],\n"
            "         [2970, 2971, 2972,  ..., 2997, 2998, 2999]]])"
        ),
        id="summarized_3d_int",
    ),
    pytest.param(
        np.where(np.arange(1200) % 2 == 0, np.nan, np.arange(1200) * 1.5).astype(np.float32),
        None,
        (
            "tensor([       nan, 1.5000e+00,        nan,  ..., 1.7955e+03,        nan,\n"
            "        1.7985e+03])"
        ),
        id="summarized_nan",
    ),
    pytest.param(
        np.linspace(-1, 1, 5000, dtype=np.float32),
        "grad_fn",
        (
            "tensor([-1.0000, -0.9996, -0.9992,  ...,  0.9992,  0.9996,  1.0000],\n"
            "       grad_fn=<MulBackward0>)"
        ),
        id="summarized_grad_fn",
    ),
    pytest.param(
        np.array(5),
        None,
        "tensor(5)",
        id="scalar_int",
    ),
    pytest.param(
        np.array(-12),
        None,
        "tensor(-12)",
        id="scalar_int_negative",
    ),
    pytest.param(
        np.array(True),
        None,
        "tensor(True)",
        id="scalar_bool",
    ),
    pytest.param(
        np.array(28.0, dtype=np.float32),
        None,
        "tensor(28.)",
        id="scalar_float",
    ),
    pytest.param(
        np.array(3.14159, dtype=np.float32),
        None,
        "tensor(3.1416)",
        id="scalar_float_frac",
    ),
    pytest.param(
        np.array(1.5e-7, dtype=np.float32),
        None,
        "tensor(1.5000e-07)",
        id="scalar_float_sci",
    ),
    pytest.param(
        np.array(np.nan, dtype=np.float32),
        None,
        "tensor(nan)",
        id="scalar_nan",
    ),
    pytest.param(
        np.array(2.5, dtype=np.float64),
        None,
        "tensor(2.5000, dtype=torch.float64)",
        id="scalar_float64",
    ),
    pytest.param(
        np.array(2.5, dtype=np.float64),
        "requires_grad",
        "tensor(2.5000, dtype=torch.float64, requires_grad=True)",
        id="scalar_float64_requires_grad",
    ),
    pytest.param(
        np.array([1.0, 2.5, -3.25], dtype=np.float64),
        None,
        "tensor([ 1.0000,  2.5000, -3.2500], dtype=torch.float64)",
        id="float64_vector",
    ),
    pytest.param(
        np.array([1.0, 2.5, -3.25], dtype=np.float64),
        "grad_fn",
        (
            "tensor([ 1.0000,  2.5000, -3.2500], dtype=torch.float64,\n"
            "       grad_fn=<MulBackward0>)"
        ),
        id="float64_grad_fn",
    ),
    pytest.param(
        np.linspace(0, 1, 40, dtype=np.float64),
        "grad_fn",
        (
            "tensor([0.0000, 0.0256, 0.0513, 0.0769, 0.1026, 0.1282, 0.1538, 0.1795, 0.2051,\n"
            "        0.2308, 0.2564, 0.2821, 0.3077, 0.3333, 0.3590, 0.3846, 0.4103, 0.4359,\n"
            "        0.4615, 0.4872, 0.5128, 0.5385, 0.5641, 0.5897, 0.6154, 0.6410, 0.6667,\n"
            "        0.6923, 0.7179, 0.7436, 0.7692, 0.7949, 0.8205, 0.8462, 0.8718, 0.8974,\n"
            "        0.9231, 0.9487, 0.9744, 1.0000], dtype=torch.float64,\n"
            "       grad_fn=<MulBackward0>)"
        ),
        id="float64_long_grad_fn",
    ),
    pytest.param(
        np.array([0.1, 1.0, 65504.0], dtype=np.float16),
        None,
        "tensor([9.9976e-02, 1.0000e+00, 6.5504e+04], dtype=torch.float16)",
        id="float16_vector",
    ),
    pytest.param(
        np.array([1, -2, 300], dtype=np.int32),
        None,
        "tensor([  1,  -2, 300], dtype=torch.int32)",
        id="int32_vector",
    ),
    pytest.param(
        np.array([-128, 0, 127], dtype=np.int8),
        None,
        "tensor([-128,    0,  127], dtype=torch.int8)",
        id="int8_vector",
    ),
    pytest.param(
        np.array([7, 8], dtype=np.int16),
        None,
        "tensor([7, 8], dtype=torch.int16)",
        id="int16_vector",
    ),
    pytest.param(
        np.array([0, 255], dtype=np.uint8),
        None,
        "tensor([  0, 255], dtype=torch.uint8)",
        id="uint8_vector",
    ),
    pytest.param(
        np.array([True, False]),
        None,
        "tensor([ True, False])",
        id="bool_mixed",
    ),
    pytest.param(
        np.array([[True, False], [False, False]]),
        None,
        ("tensor([[ True, False],\n        [False, False]])"),
        id="bool_matrix",
    ),
    pytest.param(
        np.zeros(0, dtype=np.float32),
        None,
        "tensor([])",
        id="empty_1d",
    ),
    pytest.param(
        np.zeros((0, 3), dtype=np.float32),
        None,
        "tensor([], size=(0, 3))",
        id="empty_0x3",
    ),
    pytest.param(
        np.zeros(0, dtype=np.int64),
        None,
        "tensor([], dtype=autodiff_tr.int64)",
        id="empty_int64",
    ),
    pytest.param(
        np.zeros((2, 0), dtype=bool),
        None,
        "tensor([], size=(2, 0), dtype=autodiff_tr.bool)",
        id="empty_bool_2x0",
    ),
    pytest.param(
        np.zeros(0, dtype=np.float64),
        None,
        "tensor([], dtype=torch.float64)",
        id="empty_float64",
    ),
    pytest.param(
        np.zeros((0, 3), dtype=np.float32),
        "requires_grad",
        "tensor([], size=(0, 3), requires_grad=True)",
        id="empty_requires_grad",
    ),
    pytest.param(
        np.linspace(0, 1, 30, dtype=np.float32),
        None,
        (
            "tensor([0.0000, 0.0345, 0.0690, 0.1034, 0.1379, 0.1724, 0.2069, 0.2414, 0.2759,\n"
            "        0.3103, 0.3448, 0.3793, 0.4138, 0.4483, 0.4828, 0.5172, 0.5517, 0.5862,\n"
            "        0.6207, 0.6552, 0.6897, 0.7241, 0.7586, 0.7931, 0.8276, 0.8621, 0.8966,\n"
            "        0.9310, 0.9655, 1.0000])"
        ),
        id="long_row_wraps",
    ),
    pytest.param(
        np.arange(100),
        None,
        (
            "tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17,\n"
            "        18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,\n"
            "        36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53,\n"
            "        54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71,\n"
            "        72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89,\n"
            "        90, 91, 92, 93, 94, 95, 96, 97, 98, 99])"
        ),
        id="long_int_row_wraps",
    ),
    pytest.param(
        np.linspace(-3, 3, 60, dtype=np.float32).reshape(3, 20),
        None,
        (
            "tensor([[-3.0000, -2.8983, -2.7966, -2.6949, -2.5932, -2.4915, -2.3898, -2.2881,\n"
            "         -2.1864, -2.0847, -1.9831, -1.8814, -1.7797, -1.6780, -1.5763, -1.4746,\n"
            "         -1.3729, -1.2712, -1.1695, -1.0678],\n"
            "        [-0.9661, -0.8644, -0.7627, -0.6610, -0.5593, -0.4576, -0.3559, -0.2542,\n"
            "         -0.1525, -0.0508,  0.0508,  0.1525,  0.2542,  0.3559,  0.4576,  0.5593,\n"
            "          0.6610,  0.7627,  0.8644,  0.9661],\n"
            "        [ 1.0678,  1.1695,  1.2712,  1.3729,  1.4746,  1.5763,  1.6780,  1.7797,\n"
            "          1.8814,  1.9831,  2.0847,  2.1864,  2.2881,  2.3898,  2.4915,  2.5932,\n"
            "          2.6949,  2.7966,  2.8983,  3.0000]])"
        ),
        id="wide_matrix_rows_wrap",
    ),
    pytest.param(
        np.random.default_rng(0).standard_normal(20).astype(np.float32),
        "requires_grad",
        (
            "tensor([ 0.1257, -0.1321,  0.6404,  0.1049, -0.5357,  0.3616,  1.3040,  0.9471,\n"
            "        -0.7037, -1.2654, -0.6233,  0.0413, -2.3250, -0.2188, -1.2459, -0.7323,\n"
            "        -0.5443, -0.3163,  0.4116,  1.0425], requires_grad=True)"
        ),
        id="random_normal",
    ),
    pytest.param(
        np.random.default_rng(0).standard_normal(20).astype(np.float32),
        "grad_fn",
        (
            "tensor([ 0.1257, -0.1321,  0.6404,  0.1049, -0.5357,  0.3616,  1.3040,  0.9471,\n"
            "        -0.7037, -1.2654, -0.6233,  0.0413, -2.3250, -0.2188, -1.2459, -0.7323,\n"
            "        -0.5443, -0.3163,  0.4116,  1.0425], grad_fn=<MulBackward0>)"
        ),
        id="random_normal_grad_fn",
    ),
    pytest.param(
        np.arange(12, dtype=np.float32),
        "grad_fn",
        (
            "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11.],\n"
            "       grad_fn=<MulBackward0>)"
        ),
        id="arange12_grad_fn",
    ),
    pytest.param(
        np.arange(13, dtype=np.float32),
        "grad_fn",
        (
            "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12.],\n"
            "       grad_fn=<MulBackward0>)"
        ),
        id="arange13_grad_fn",
    ),
    pytest.param(
        np.arange(14, dtype=np.float32),
        "grad_fn",
        (
            "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.],\n"
            "       grad_fn=<MulBackward0>)"
        ),
        id="arange14_grad_fn",
    ),
    pytest.param(
        np.arange(15, dtype=np.float32),
        "grad_fn",
        (
            "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n"
            "        14.], grad_fn=<MulBackward0>)"
        ),
        id="arange15_grad_fn",
    ),
    pytest.param(
        np.arange(16, dtype=np.float32),
        "grad_fn",
        (
            "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n"
            "        14., 15.], grad_fn=<MulBackward0>)"
        ),
        id="arange16_grad_fn",
    ),
    pytest.param(
        np.arange(17, dtype=np.float32),
        "grad_fn",
        (
            "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n"
            "        14., 15., 16.], grad_fn=<MulBackward0>)"
        ),
        id="arange17_grad_fn",
    ),
    pytest.param(
        np.arange(18, dtype=np.float32),
        "grad_fn",
        (
            "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n"
            "        14., 15., 16., 17.], grad_fn=<MulBackward0>)"
        ),
        id="arange18_grad_fn",
    ),
    pytest.param(
        np.arange(19, dtype=np.float32),
        "grad_fn",
        (
            "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n"
            "        14., 15., 16., 17., 18.], grad_fn=<MulBackward0>)"
        ),
        id="arange19_grad_fn",
    ),
    pytest.param(
        np.arange(10, dtype=np.float64),
        "requires_grad",
        (
            "tensor([0., 1., 2., 3., 4., 5., 6., 7., 8., 9.], dtype=torch.float64,\n"
            "       requires_grad=True)"
        ),
        id="arange10_float64_requires_grad",
    ),
    pytest.param(
        np.arange(11, dtype=np.float64),
        "requires_grad",
        (
            "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10.],\n"
            "       dtype=torch.float64, requires_grad=True)"
        ),
        id="arange11_float64_requires_grad",
    ),
    pytest.param(
        np.arange(12, dtype=np.float64),
        "requires_grad",
        (
            "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11.],\n"
            "       dtype=torch.float64, requires_grad=True)"
        ),
        id="arange12_float64_requires_grad",
    ),
    pytest.param(
        np.arange(13, dtype=np.float64),
        "requires_grad",
        (
            "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12.],\n"
            "       dtype=torch.float64, requires_grad=True)"
        ),
        id="arange13_float64_requires_grad",
    ),
    pytest.param(
        np.arange(14, dtype=np.float64),
        "requires_grad",
        (
            "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.],\n"
            "       dtype=torch.float64, requires_grad=True)"
        ),
        id="arange14_float64_requires_grad",
    ),
    pytest.param(
        np.arange(15, dtype=np.float64),
        "requires_grad",
        (
            "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n"
            "        14.], dtype=torch.float64, requires_grad=True)"
        ),
        id="arange15_float64_requires_grad",
    ),
    pytest.param(
        np.arange(6, dtype=np.float32) / 2,
        "grad_fn",
        (
            "tensor([0.0000, 0.5000, 1.0000, 1.5000, 2.0000, 2.5000],\n"
            "       grad_fn=<MulBackward0>)"
        ),
        id="boundary_halves6_grad_fn",
    ),
    pytest.param(
        np.arange(15, dtype=np.float32) / 2,
        "grad_fn",
        (
            "tensor([0.0000, 0.5000, 1.0000, 1.5000, 2.0000, 2.5000, 3.0000, 3.5000, 4.0000,\n"
            "        4.5000, 5.0000, 5.5000, 6.0000, 6.5000, 7.0000],\n"
            "       grad_fn=<MulBackward0>)"
        ),
        id="boundary_halves15_grad_fn",
    ),
    pytest.param(
        np.arange(20, dtype=np.float32) * 10,
        "grad_fn",
        (
            "tensor([  0.,  10.,  20.,  30.,  40.,  50.,  60.,  70.,  80.,  90., 100., 110.,\n"
            "        120., 130., 140., 150., 160., 170., 180., 190.],\n"
            "       grad_fn=<MulBackward0>)"
        ),
        id="boundary_tens20_grad_fn",
    ),
    pytest.param(
        np.arange(5, dtype=np.float64) * 10,
        "requires_grad",
        "tensor([ 0., 10., 20., 30., 40.], dtype=torch.float64, requires_grad=True)",
        id="boundary_float64_tens5_requires_grad",
    ),
    pytest.param(
        np.arange(9, dtype=np.float64) * 10,
        "grad_fn",
        (
            "tensor([ 0., 10., 20., 30., 40., 50., 60., 70., 80.], dtype=torch.float64,\n"
            "       grad_fn=<MulBackward0>)"
        ),
        id="boundary_float64_tens9_grad_fn",
    ),
    pytest.param(
        np.arange(19, dtype=np.float64),
        "requires_grad",
        (
            "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n"
            "        14., 15., 16., 17., 18.], dtype=torch.float64, requires_grad=True)"
        ),
        id="boundary_float64_arange19_requires_grad",
    ),
    pytest.param(
        np.arange(16, dtype=np.int32),
        None,
        (
            "tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15],\n"
            "       dtype=torch.int32)"
        ),
        id="arange16_int32",
    ),
]


@pytest.mark.parametrize(("values", "suffix", "expected"), CASES)
def test_matches_torch_repr(values, suffix, expected):
    got = format_tensor(values, dtype_name=_dtype_name(values), suffixes=_SUFFIX[suffix])
    assert got == expected


def test_package_dtype_name_is_measured_like_torch_measures_its_own():
    # Same tensor as boundary_float64_tens5_requires_grad, where torch keeps one line with the
    # 19-character "dtype=torch.float64". The 25-character package name goes through the same
    # rule: len("tensor([ 0., 10., 20., 30., 40.]") + 2 = 35; 35 + 25 + 2 = 62 <= 80 keeps the
    # dtype on the line; 62 + 18 + 2 = 82 > 80 moves requires_grad=True to a new line.
    values = np.arange(5, dtype=np.float64) * 10
    got = format_tensor(values, dtype_name="autodiff_tr.float64", suffixes=["requires_grad=True"])
    assert got == (
        "tensor([ 0., 10., 20., 30., 40.], dtype=autodiff_tr.float64,\n       requires_grad=True)"
    )


def test_short_float64_with_grad_fn_stays_on_one_line():
    values = np.array([0.0, 1.0])
    got = format_tensor(
        values, dtype_name="autodiff_tr.float64", suffixes=["grad_fn=<MulBackward0>"]
    )
    assert got == "tensor([0., 1.], dtype=autodiff_tr.float64, grad_fn=<MulBackward0>)"


def test_suffixes_accept_any_sequence_and_keep_order():
    values = np.zeros((0, 2), dtype=np.float32)
    got = format_tensor(values, dtype_name=None, suffixes=("a=1", "b=2"))
    assert got == "tensor([], size=(0, 2), a=1, b=2)"
