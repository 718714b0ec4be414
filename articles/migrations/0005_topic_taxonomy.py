"""The starting taxonomy of union-news topics, as editable Topic rows.

Each topic has a keyword list, one ``word weight`` per line; editors change it in the admin and
rerun ``manage.py enrich --only topics``. Weights: 3–4 for words that by themselves name the topic
(工资集体协商, 疗休养), 2 for strong signals, 1 or less for words that also occur in other topics.
Slugs are pinyin. Rows an editor already has (same slug) are left as they are.
"""

from django.db import migrations

TAXONOMY = [
    ("jineng-jingsai", "技能竞赛与人才培养", "职业技能竞赛、岗位练兵、技能培训与认定、师带徒",
     "技能竞赛 3\n技能大赛 3\n职业技能 2\n技能人才 2\n高技能人才 2\n技能等级 2\n技能认定 2\n技能节 3\n"
     "技能提升 1.5\n技能 1\n竞赛 1.5\n大赛 1.5\n比武 2\n岗位练兵 2\n以赛促 2\n争霸 3\n选手 1\n"
     "师带徒 2\n带徒 1.5\n师徒 1.5\n学徒 1.5\n技师 1\n培训 0.5\n能工巧匠 1\n人才培养 1.5\n人才培育 1.5"),
    ("laomo-gongjiang", "劳模工匠", "劳动模范、工匠的选树、礼遇与关爱，劳模精神、工匠精神",
     "劳动模范 3\n劳模 1.5\n工匠 1.5\n劳模工匠 1\n五一劳动奖章 2\n劳模工匠之家 3\n高龄劳模 3\n"
     "工匠学院 2\n工匠月 3\n礼遇工匠 3\n浙江工匠 1.5\n工匠精神 1\n劳模精神 1\n创新工作室联盟 2"),
    ("changai", "产业工人队伍建设改革", "产改：产业工人队伍建设改革、职工成长、产改试点与联盟",
     "产业工人队伍建设改革 4\n产改 3\n产业工人 1.5\n职工成长型 3\n成长型社会 3\n产改联盟 3\n"
     "产改试点 2\n班组长 1.5\n高素养劳动者 1.5\n产业人才 2\n三支队伍 2"),
    ("gongzi-xieshang", "工资集体协商", "工资集体协商、集体合同、能级工资与薪酬激励",
     "工资集体协商 4\n集体协商 3\n集体合同 3\n能级工资 3\n薪酬 1.5\n工资 1\n津贴 1\n以技提薪 2\n"
     "最低工资 2\n工价 2\n协商 1"),
    ("xinjiuye-xingtai", "新就业形态劳动者", "快递员、外卖骑手、网约车与货车司机等新就业形态劳动者",
     "新就业形态 3\n快递 2\n快递小哥 3\n外卖 2\n骑手 3\n网约车 2\n网约配送员 3\n货车司机 3\n"
     "司机之家 3\n司机 1.5\n新业态 2\n物流 1\n小哥 1.5\n户外劳动者 2"),
    ("falv-weiquan", "法律服务与维权", "职工法律服务、法律援助、普法、劳动争议与权益维护",
     "法律服务 3\n法律援助 3\n法律咨询 1.5\n普法 3\n劳动争议 3\n律师 2\n法治 1.5\n维权 2\n"
     "劳动法 2\n法律法规 2\n学法 2\n合法权益 1.5\n司法 1.5\n权益 1"),
    ("wenhua-tiyu", "职工文化体育", "职工文化节、文艺演出、歌手赛与运动会",
     "运动会 3\n文化节 3\n职工文化 2\n体育 2\n文艺 2\n歌手 3\n好声音 3\n展演 2\n文化生活 1.5\n"
     "趣味 2\n拔河 2\n健身 1.5\n文体 2\n晚会 2\n演出 1.5\n歌舞 1.5\n书法 1\n运动员 2"),
    ("kunnan-bangfu", "困难帮扶", "困难职工帮扶、救助、送温暖与助学",
     "困难职工 4\n帮扶 2\n救助 3\n慰问 1.5\n困难家庭 3\n送温暖 3\n金秋助学 3\n慰问金 2\n大病 2\n"
     "低收入 2"),
    ("zuzhi-jianshe", "工会组织建设", "建会入会、基层工会建设、工会经审与工会干部",
     "建会 2.5\n入会 2.5\n基层工会 1.5\n工会组织 1\n经审 3\n审计 2.5\n工会干部 1.5\n会员 1\n"
     "工会委员会 2\n代表大会 1.5\n组织建设 2\n规范化建设 2\n换届 2\n数智工会 2"),
    ("sixiang-yinling", "思想政治引领", "宣讲学习、党史与党纪教育、劳动精神宣传",
     "宣讲 2.5\n学习贯彻 2\n党史 2.5\n党纪 3\n廉洁 3\n廉 1.5\n红色 2\n思想 1.5\n理论 1.5\n"
     "学习教育 2\n十八大 2.5\n听党话 2\n跟党走 2\n宣传 1\n主题宣传 2\n红色根脉 2\n政治 1.5\n"
     "劳动精神 1"),
    ("fuwu-guanai", "服务关爱", "职工疗休养、心理健康、体检、职工驿站等普惠服务",
     "疗休养 4\n春秋游 2\n心理 2.5\n心理健康 3\n体检 3\n健康 1\n关爱 1.5\n普惠 1.5\n义诊 2\n"
     "驿站 1.5\n职工之家 1\n暖心 1\n爱心妈咪小屋 3"),
    ("chuangxin", "职工创新", "五小创新、合理化建议、技术攻关与职工创新成果",
     "五小 3\n金点子 3\n合理化建议 3\n技改 2\n技术攻关 2\n攻关 1\n专利 2\n发明 2\n创新成果 2.5\n"
     "创新创效 3\n创新工作室 1.5\n创新 0.8"),
    ("minzhu-guanli", "民主管理", "职代会、厂务公开、职工诉求表达与民主参与",
     "职代会 4\n职工代表大会 4\n民主管理 4\n厂务公开 4\n人大代表 2\n民意 2\n诉求 1.5\n急难愁盼 2\n"
     "意见建议 1.5\n联络点 1.5\n协同联动 1.5"),
    ("nv-zhigong", "女职工", "女职工权益、巾帼建功、母婴关爱",
     "女职工 3\n女工 2.5\n妇女 2\n巾帼 3\n三八 2\n妈咪小屋 3\n母婴 2\n宝妈 2"),
]


def create_topics(apps, schema_editor):
    Topic = apps.get_model("articles", "Topic")
    for position, (slug, name, description, keywords) in enumerate(TAXONOMY, start=1):
        if Topic.objects.filter(slug=slug).exists() or Topic.objects.filter(name=name).exists():
            continue
        Topic.objects.create(slug=slug, name=name, description=description, keywords=keywords, position=position)


def remove_untouched_topics(apps, schema_editor):
    Topic = apps.get_model("articles", "Topic")
    Topic.objects.filter(slug__in=[slug for slug, *_ in TAXONOMY], article_tags__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_load_regions"),
    ]

    operations = [migrations.RunPython(create_topics, remove_untouched_topics)]
