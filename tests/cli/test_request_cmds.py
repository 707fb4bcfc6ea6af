"""``gwgk calendar``, ``gwgk request`` and ``gwgk annual-report`` headless: the whole path
of a request, the lists, the documents read back from their PDFs, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Runner
from tests.pdf.pdfcheck import Pdf

PASSWORDS = {"admin": "admin123", "reviewer": "review123", "clerk": "clerk123"}


@pytest.fixture
def gwgk(run: Runner, station_db_path: Path) -> Runner:
    """``gwgk --db <test station> …``, as the operator given by ``user=``."""

    def runner(*args: object, user: str | None = None) -> tuple[int, str, str]:
        extra = ["--user", user] if user else []
        return run(
            "--db",
            str(station_db_path),
            *map(str, args),
            *extra,
            password=PASSWORDS[user] if user else None,
        )

    return runner


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def add_request(gwgk: Runner, tmp_path: Path, received: str, **extra: object) -> str:
    data = {
        "received": received,
        "channel": "当面",
        "applicant_type": "自然人",
        "applicant": "王五",
        "content": "本所2025年度接处警数量",
        "phone": "13700000000",
        "address": "测试市河西区长江路9号",
        "form": "纸质",
        **extra,
    }
    code, out, err = gwgk(
        "request", "add", "--json", write(tmp_path / "r.json", data), user="clerk"
    )
    assert code == 0, err
    return out.split("（")[0]


def test_a_request_from_registration_to_answer(gwgk: Runner, tmp_path: Path) -> None:
    number = add_request(gwgk, tmp_path, "2026-09-28")
    assert number == "2026-0001"
    code, out, _ = gwgk("request", "list", "--json", "--as-of", "2026-10-20")
    [row] = json.loads(out)
    assert {k: row[k] for k in ("id", "received", "due", "status", "result")} == {
        "id": 1,
        "received": "2026-09-28",
        "due": "2026-10-30",
        "status": "办理中",
        "result": None,
    }
    assert gwgk("request", "list", "--due-within", "5", "--as-of", "2026-10-26")[1].startswith(
        number
    )
    assert gwgk("request", "list", "--due-within", "4", "--as-of", "2026-10-20")[1] == ""
    code, out, _ = gwgk("request", "list", "--overdue", "--as-of", "2026-11-02")
    assert code == 0 and out.startswith(number) and "已逾期" in out

    code, _, err = gwgk(
        "request",
        "correct",
        number,
        "--notice-date",
        "2026-09-30",
        "--items",
        "请写明时间范围",
        user="clerk",
    )
    assert code == 0, err
    assert gwgk("request", "correct", number, "--received-date", "2026-10-12", user="clerk")[0] == 0
    code, _, err = gwgk("request", "third-party", number, "--sent", "2026-10-13", user="clerk")
    assert code == 9 and "请填写第三方名称" in err
    assert (
        gwgk(
            "request",
            "third-party",
            number,
            "--sent",
            "2026-10-13",
            "--party",
            "某公司",
            user="clerk",
        )[0]
        == 0
    )
    assert (
        gwgk(
            "request",
            "third-party",
            number,
            "--replied",
            "2026-10-20",
            "--opinion",
            "同意",
            user="clerk",
        )[0]
        == 0
    )
    code, _, err = gwgk(
        "request", "extend", number, "--date", "2026-11-02", "--approved-by", "李所长", user="clerk"
    )
    assert code == 6 and "须经单位负责人批准" in err
    code, out, _ = gwgk(
        "request",
        "extend",
        number,
        "--date",
        "2026-11-02",
        "--approved-by",
        "李所长",
        user="reviewer",
    )
    assert code == 0 and "答复期限 2026-12-14" in out
    code, _, err = gwgk(
        "request", "answer", number, "--result", "同意公开", "--date", "2026-11-20", user="clerk"
    )
    assert code != 0 and "不是年度报告表三的行名" in err
    code, out, _ = gwgk(
        "request",
        "answer",
        number,
        "--result",
        "部分公开",
        "--date",
        "2026-11-20",
        "--note",
        "部分涉及第三方",
        user="clerk",
    )
    assert code == 0 and "部分公开" in out

    code, out, _ = gwgk("request", "show", number, "--json")
    shown = json.loads(out)
    assert shown["status"] == "已办结" and shown["result"] == "部分公开"
    assert [s["kind"] for s in shown["steps"]] == [
        "register",
        "correction_notice",
        "correction_received",
        "consult_sent",
        "consult_replied",
        "extension",
        "answer",
    ]
    code, out, _ = gwgk("request", "show", number)
    assert "征求第三方意见（张录入）：某公司" in out

    texts = {
        "receipt": ["政府信息公开申请登记回执", "2026年10月30日前", "王五"],
        "correction": ["政府信息公开申请补正通知书", "请写明时间范围", "第三十条"],
        "extension": ["政府信息公开申请延期答复告知书", "延长20个工作日", "2026年12月14日前"],
        "third-party": ["政府信息公开征求第三方意见书", "某公司", "第三十二条", "15个工作日"],
        "answer": ["政府信息部分公开告知书", "第三十七条", "部分涉及第三方", "六十日内"],
    }
    for kind, wanted in texts.items():
        target = tmp_path / f"{kind}.pdf"
        code, out, err = gwgk("request", "print", number, "--document", kind, "--out", target)
        assert code == 0, err
        pdf = Pdf(target)
        text = pdf.text()
        for piece in [*wanted, "测试市公安局河西派出所", number, "—1—"]:
            assert piece in text, (kind, piece)
        assert all(pdf.fonts().values()), kind


def test_documents_exist_only_once_their_step_is_recorded(gwgk: Runner, tmp_path: Path) -> None:
    number = add_request(gwgk, tmp_path, "2026-11-02")
    code, _, err = gwgk(
        "request", "print", number, "--document", "answer", "--out", tmp_path / "a.pdf"
    )
    assert code == 9 and "尚未答复办结" in err
    assert not (tmp_path / "a.pdf").exists()
    code, _, err = gwgk("request", "show", "2026-0099")
    assert code == 7 and "没有申请" in err


def test_bad_registrations_are_refused_with_one_line(gwgk: Runner, tmp_path: Path) -> None:
    code, _, err = gwgk(
        "request", "add", "--json", write(tmp_path / "x.json", {"channel": "当面"}), user="clerk"
    )
    assert code == 9 and "申请登记缺少" in err and "Traceback" not in err
    code, _, err = gwgk("request", "add", "--json", write(tmp_path / "y.json", [1]), user="clerk")
    assert code != 0 and "JSON 对象" in err
    code, _, err = gwgk(
        "request",
        "add",
        "--json",
        write(
            tmp_path / "z.json",
            {
                "received": "2026-11-02",
                "channel": "当面",
                "applicant_type": "自然人",
                "applicant": "甲",
                "content": "乙",
            },
        ),
        user="clerk",
    )
    assert code == 9 and "联系方式" in err
    assert gwgk("request", "list")[1] == ""


def test_the_calendar_commands(gwgk: Runner, tmp_path: Path) -> None:
    code, out, _ = gwgk("calendar", "show", "--year", "2026")
    assert code == 0 and "2026-10-10" in out and "全年工作日 248 天" in out
    code, _, err = gwgk("calendar", "show", "--year", "2027")
    assert code == 1 and "2027年的工作日历尚未设置" in err
    add_request(gwgk, tmp_path, "2026-11-30")  # due 2026-12-28, extended into 2027
    code, _, err = gwgk(
        "request",
        "extend",
        "2026-0001",
        "--date",
        "2026-12-01",
        "--approved-by",
        "李所长",
        user="reviewer",
    )
    assert code == 0, err
    code, out, _ = gwgk("request", "show", "2026-0001", "--json")
    assert json.loads(out)["due"] == "2027-01-25" and json.loads(out)["missing_calendar_years"] == [
        2027
    ]
    calendar = write(
        tmp_path / "2027.json",
        {"year": 2027, "holidays": ["2027-01-01", "2027-01-04"], "workdays": []},
    )
    code, _, err = gwgk("calendar", "import", calendar, user="clerk")
    assert code == 6 and "只有管理员" in err
    code, out, err = gwgk("calendar", "import", calendar, user="admin")
    assert code == 0 and "1件未办结申请的期限已重新计算" in out, err
    code, out, _ = gwgk("request", "show", "2026-0001", "--json")
    assert (
        json.loads(out)["due"] == "2027-01-27" and json.loads(out)["missing_calendar_years"] == []
    )
    code, out, _ = gwgk("calendar", "show", "--year", "2027", "--json")
    assert json.loads(out) == {
        "year": 2027,
        "holidays": ["2027-01-01", "2027-01-04"],
        "workdays": [],
        "source": "本单位修改",
    }
    bad = write(tmp_path / "bad.json", {"year": 2027, "workdays": ["2027-01-05"]})
    code, _, err = gwgk("calendar", "import", bad, user="admin")
    assert code != 0 and "本来就是工作日" in err
    assert gwgk("calendar", "reset", "--year", "2027", user="admin")[0] == 0
    assert gwgk("calendar", "show", "--year", "2027")[0] == 1


def test_the_annual_report_command(gwgk: Runner, tmp_path: Path) -> None:
    add_request(gwgk, tmp_path, "2026-03-02")
    add_request(gwgk, tmp_path, "2026-03-03", applicant_type="法律服务机构", applicant="某律所")
    gwgk(
        "request",
        "answer",
        "2026-0001",
        "--result",
        "属于行政执法案卷",
        "--date",
        "2026-03-20",
        user="clerk",
    )
    figures = write(
        tmp_path / "figures.json",
        {
            "二": {"行政许可": {"本年处理决定数量": 12}},
            "四": {"行政复议": {"结果维持": 1}},
            "texts": {"一": "总体情况良好。"},
        },
    )
    pdf, data = tmp_path / "年度报告.pdf", tmp_path / "年度报告.json"
    code, _, err = gwgk("annual-report", "--year", "2026", "--out", pdf, "--figures", figures)
    assert code != 0 and "--user" in err
    code, out, err = gwgk(
        "annual-report",
        "--year",
        "2026",
        "--out",
        pdf,
        "--json",
        data,
        "--figures",
        figures,
        user="clerk",
    )
    assert code == 0, err
    assert "各列相符" in out
    report = json.loads(data.read_text(encoding="utf-8"))
    three = report["三"]
    assert three["一、本年新收政府信息公开申请数量"]["自然人"] == 1
    assert three["一、本年新收政府信息公开申请数量"]["法律服务机构"] == 1
    assert three["三、本年度办理结果"]["（三）不予公开"]["7.属于行政执法案卷"]["自然人"] == 1
    assert three["四、结转下年度继续办理"]["法律服务机构"] == 1
    assert report["二"]["第二十条第（五）项"]["行政许可"]["本年处理决定数量"] == 12
    assert report["四"]["行政复议"]["总计"] == 1
    assert report["一"] == "总体情况良好。"
    assert "总体情况良好。" in Pdf(pdf).text()
    code, _, err = gwgk("annual-report", "--year", "2026")
    assert code != 0 and "--out" in err
