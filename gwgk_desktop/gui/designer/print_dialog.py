# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'print_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDateEdit,
    QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_PrintForm(object):
    def setupUi(self, PrintForm):
        if not PrintForm.objectName():
            PrintForm.setObjectName(u"PrintForm")
        self.rootLayout = QHBoxLayout(PrintForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.optionsBox = QGroupBox(PrintForm)
        self.optionsBox.setObjectName(u"optionsBox")
        self.optionsBox.setMinimumSize(QSize(300, 0))
        self.optionsBox.setMaximumSize(QSize(340, 16777215))
        self.optionsLayout = QVBoxLayout(self.optionsBox)
        self.optionsLayout.setObjectName(u"optionsLayout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.documentLabel = QLabel(self.optionsBox)
        self.documentLabel.setObjectName(u"documentLabel")

        self.form.setWidget(0, QFormLayout.LabelRole, self.documentLabel)

        self.documentCombo = QComboBox(self.optionsBox)
        self.documentCombo.setObjectName(u"documentCombo")

        self.form.setWidget(0, QFormLayout.FieldRole, self.documentCombo)

        self.itemLabel = QLabel(self.optionsBox)
        self.itemLabel.setObjectName(u"itemLabel")

        self.form.setWidget(1, QFormLayout.LabelRole, self.itemLabel)

        self.itemCombo = QComboBox(self.optionsBox)
        self.itemCombo.setObjectName(u"itemCombo")
        self.itemCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.itemCombo.setMinimumContentsLength(12)

        self.form.setWidget(1, QFormLayout.FieldRole, self.itemCombo)

        self.paperLabel = QLabel(self.optionsBox)
        self.paperLabel.setObjectName(u"paperLabel")

        self.form.setWidget(2, QFormLayout.LabelRole, self.paperLabel)

        self.paperCombo = QComboBox(self.optionsBox)
        self.paperCombo.setObjectName(u"paperCombo")

        self.form.setWidget(2, QFormLayout.FieldRole, self.paperCombo)

        self.orientationLabel = QLabel(self.optionsBox)
        self.orientationLabel.setObjectName(u"orientationLabel")

        self.form.setWidget(3, QFormLayout.LabelRole, self.orientationLabel)

        self.orientationCombo = QComboBox(self.optionsBox)
        self.orientationCombo.setObjectName(u"orientationCombo")

        self.form.setWidget(3, QFormLayout.FieldRole, self.orientationCombo)

        self.dateLabel = QLabel(self.optionsBox)
        self.dateLabel.setObjectName(u"dateLabel")

        self.form.setWidget(4, QFormLayout.LabelRole, self.dateLabel)

        self.dateEdit = QDateEdit(self.optionsBox)
        self.dateEdit.setObjectName(u"dateEdit")
        self.dateEdit.setCalendarPopup(True)

        self.form.setWidget(4, QFormLayout.FieldRole, self.dateEdit)


        self.optionsLayout.addLayout(self.form)

        self.categoriesLabel = QLabel(self.optionsBox)
        self.categoriesLabel.setObjectName(u"categoriesLabel")

        self.optionsLayout.addWidget(self.categoriesLabel)

        self.categoryList = QListWidget(self.optionsBox)
        self.categoryList.setObjectName(u"categoryList")

        self.optionsLayout.addWidget(self.categoryList)

        self.draftsCheck = QCheckBox(self.optionsBox)
        self.draftsCheck.setObjectName(u"draftsCheck")

        self.optionsLayout.addWidget(self.draftsCheck)

        self.maskCheck = QCheckBox(self.optionsBox)
        self.maskCheck.setObjectName(u"maskCheck")

        self.optionsLayout.addWidget(self.maskCheck)

        self.fontLabel = QLabel(self.optionsBox)
        self.fontLabel.setObjectName(u"fontLabel")

        self.optionsLayout.addWidget(self.fontLabel)

        self.fontRow = QHBoxLayout()
        self.fontRow.setObjectName(u"fontRow")
        self.fontEdit = QLineEdit(self.optionsBox)
        self.fontEdit.setObjectName(u"fontEdit")
        self.fontEdit.setClearButtonEnabled(True)

        self.fontRow.addWidget(self.fontEdit)

        self.fontButton = QPushButton(self.optionsBox)
        self.fontButton.setObjectName(u"fontButton")
        self.fontButton.setAutoDefault(False)

        self.fontRow.addWidget(self.fontButton)


        self.optionsLayout.addLayout(self.fontRow)

        self.generateButton = QPushButton(self.optionsBox)
        self.generateButton.setObjectName(u"generateButton")

        self.optionsLayout.addWidget(self.generateButton)


        self.rootLayout.addWidget(self.optionsBox)

        self.previewLayout = QVBoxLayout()
        self.previewLayout.setObjectName(u"previewLayout")
        self.fontWarning = QLabel(PrintForm)
        self.fontWarning.setObjectName(u"fontWarning")
        self.fontWarning.setWordWrap(True)
        self.fontWarning.setStyleSheet(u"QLabel { background: #fff4e0; border: 1px solid #e0a040; padding: 6px; }")

        self.previewLayout.addWidget(self.fontWarning)

        self.previewHost = QWidget(PrintForm)
        self.previewHost.setObjectName(u"previewHost")

        self.previewLayout.addWidget(self.previewHost)

        self.notesView = QPlainTextEdit(PrintForm)
        self.notesView.setObjectName(u"notesView")
        self.notesView.setMaximumSize(QSize(16777215, 120))
        self.notesView.setReadOnly(True)

        self.previewLayout.addWidget(self.notesView)

        self.statusLabel = QLabel(PrintForm)
        self.statusLabel.setObjectName(u"statusLabel")

        self.previewLayout.addWidget(self.statusLabel)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.printButton = QPushButton(PrintForm)
        self.printButton.setObjectName(u"printButton")
        self.printButton.setAutoDefault(False)

        self.buttonRow.addWidget(self.printButton)

        self.saveButton = QPushButton(PrintForm)
        self.saveButton.setObjectName(u"saveButton")
        self.saveButton.setAutoDefault(False)

        self.buttonRow.addWidget(self.saveButton)

        self.closeButton = QPushButton(PrintForm)
        self.closeButton.setObjectName(u"closeButton")
        self.closeButton.setAutoDefault(False)

        self.buttonRow.addWidget(self.closeButton)


        self.previewLayout.addLayout(self.buttonRow)

        self.previewLayout.setStretch(1, 1)

        self.rootLayout.addLayout(self.previewLayout)

#if QT_CONFIG(shortcut)
        self.documentLabel.setBuddy(self.documentCombo)
        self.itemLabel.setBuddy(self.itemCombo)
        self.paperLabel.setBuddy(self.paperCombo)
        self.orientationLabel.setBuddy(self.orientationCombo)
        self.dateLabel.setBuddy(self.dateEdit)
        self.categoriesLabel.setBuddy(self.categoryList)
        self.fontLabel.setBuddy(self.fontEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PrintForm)

        self.generateButton.setDefault(True)


        QMetaObject.connectSlotsByName(PrintForm)
    # setupUi

    def retranslateUi(self, PrintForm):
        self.optionsBox.setTitle(QCoreApplication.translate("PrintForm", u"\u6253\u5370\u5185\u5bb9", None))
        self.documentLabel.setText(QCoreApplication.translate("PrintForm", u"\u6587\u6863(&D)\uff1a", None))
        self.itemLabel.setText(QCoreApplication.translate("PrintForm", u"\u4e8b\u9879(&I)\uff1a", None))
        self.paperLabel.setText(QCoreApplication.translate("PrintForm", u"\u7eb8\u5f20(&P)\uff1a", None))
        self.orientationLabel.setText(QCoreApplication.translate("PrintForm", u"\u65b9\u5411(&O)\uff1a", None))
        self.dateLabel.setText(QCoreApplication.translate("PrintForm", u"\u65e5\u671f(&T)\uff1a", None))
        self.dateEdit.setDisplayFormat(QCoreApplication.translate("PrintForm", u"yyyy-MM-dd", None))
        self.categoriesLabel.setText(QCoreApplication.translate("PrintForm", u"\u4fe1\u606f\u7c7b\u522b(&C)\uff1a", None))
#if QT_CONFIG(tooltip)
        self.categoryList.setToolTip(QCoreApplication.translate("PrintForm", u"\u53ea\u5370\u52fe\u9009\u7684\u4fe1\u606f\u7c7b\u522b", None))
#endif // QT_CONFIG(tooltip)
        self.draftsCheck.setText(QCoreApplication.translate("PrintForm", u"\u5305\u542b\u5c1a\u672a\u5ba1\u6838\u7684\u4e8b\u9879\uff08\u5185\u90e8\u6838\u5bf9\u7a3f\uff09", None))
#if QT_CONFIG(tooltip)
        self.maskCheck.setToolTip(QCoreApplication.translate("PrintForm", u"\u8eab\u4efd\u8bc1\u53f7\u7801\u3001\u94f6\u884c\u5361\u53f7\u3001\u624b\u673a\u53f7\u7801\u7b49\u53ea\u5370\u51fa\u524d\u540e\u51e0\u4f4d\uff0c\u4e2d\u95f4\u7528*\u906e\u76d6\uff08\u6570\u636e\u5e93\u4e2d\u7684\u5185\u5bb9\u4e0d\u53d8\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.maskCheck.setText(QCoreApplication.translate("PrintForm", u"\u4e2a\u4eba\u4fe1\u606f\u6253\u7801\u540e\u5370\u51fa", None))
        self.fontLabel.setText(QCoreApplication.translate("PrintForm", u"\u4e2d\u6587\u5b57\u4f53\u6587\u4ef6\uff08\u53ef\u4e0d\u586b\uff0c\u81ea\u52a8\u67e5\u627e\uff09\uff1a", None))
        self.fontEdit.setPlaceholderText(QCoreApplication.translate("PrintForm", u"\u81ea\u52a8\u67e5\u627e\u7cfb\u7edf\u4e2d\u6587\u5b57\u4f53", None))
        self.fontButton.setText(QCoreApplication.translate("PrintForm", u"\u9009\u62e9(&F)\u2026", None))
        self.generateButton.setText(QCoreApplication.translate("PrintForm", u"\u751f\u6210\u9884\u89c8(&G)", None))
        self.notesView.setPlaceholderText(QCoreApplication.translate("PrintForm", u"\u751f\u6210\u540e\u5728\u8fd9\u91cc\u8bf4\u660e\u672a\u5370\u5165\u6216\u6709\u8c03\u6574\u7684\u5185\u5bb9", None))
        self.printButton.setText(QCoreApplication.translate("PrintForm", u"\u6253\u5370(&R)\u2026", None))
        self.saveButton.setText(QCoreApplication.translate("PrintForm", u"\u53e6\u5b58\u4e3a PDF(&S)\u2026", None))
        self.closeButton.setText(QCoreApplication.translate("PrintForm", u"\u5173\u95ed", None))
        pass
    # retranslateUi

