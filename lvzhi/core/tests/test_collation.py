from lvzhi.core.collation import by_strokes, stroke_key


def test_names_sort_by_stroke_count_of_the_surname_first():
    names = ["李岩", "王芳", "丁一", "赵敏", "马力"]
    # 丁 2 strokes, 马 3, 王 4, 李 7, 赵 9
    assert by_strokes(names, str) == ["丁一", "马力", "王芳", "李岩", "赵敏"]


def test_equal_counts_follow_the_shapes_of_the_strokes():
    # 王 (一 一 丨 一) before 方 (丶 一 𠃌 丿): both 4 strokes, 横 comes before 点
    assert stroke_key("王") < stroke_key("方")


def test_the_second_character_decides_between_one_surname():
    assert by_strokes(["李强", "李三", "李明"], str) == ["李三", "李明", "李强"]
